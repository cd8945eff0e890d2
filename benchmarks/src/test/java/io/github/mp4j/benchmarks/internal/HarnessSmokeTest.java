package io.github.mp4j.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs every mp4j workload of the harness once at a tiny scale, with real child JVMs; no figures are judged. */
class HarnessSmokeTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyWorkloadRunsAtATinyScaleAndLandsInTheTable() throws Exception {
        BenchOptions o = BenchOptions.parse("--scale 0.0005 --repeats 1 --warmup 0 --serializers kryo"
                + " --no-python --no-extras");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        String report = new Harness(o, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        for (Workload w : Workload.values()) {
            assertThat(report).contains("| " + w.title() + " | " + w.unit() + " | — | ");
            assertThat(progress.toString(StandardCharsets.UTF_8)).containsPattern(
                    "mp4j kryo\\s+" + w.key() + "\\s+[0-9,.]+ " + w.unit());
        }
        assertThat(report).contains("| workload | unit | CPython | mp4j kryo | ratio (kryo vs CPython) | bar | pass |")
                .contains("(medians of 1, scale 0.0005, fresh: child JVMs started for the workload; transport AUTO)");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void warmChildrenServeTwoPassesOnTheSameQueuesAndConnectionsAndTheTitleSaysSo() throws Exception {
        BenchOptions o = BenchOptions.parse("--scale 0.0005 --repeats 1 --warmup 0 --serializers kryo"
                + " --no-python --no-extras --warm-children --warm-passes 1"
                + " --workloads pipe_throughput,pipe_pingpong_rtt,queue_1p2c,joinable_1p2w,raw_socket_small");

        String report = new Harness(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run();

        assertThat(report).contains("(medians of 1, scale 0.0005, steady: warm children, each ran the workload 1"
                + " time(s) untimed first; transport AUTO)");
        for (Workload w : o.workloads) {
            assertThat(report).containsPattern("\\| " + Pattern.quote(w.title()) + " \\| "
                    + Pattern.quote(w.unit()) + " \\| — \\| [0-9,.]+ \\|");
        }
    }
}
