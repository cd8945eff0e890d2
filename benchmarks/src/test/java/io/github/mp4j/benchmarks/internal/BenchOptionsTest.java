package io.github.mp4j.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void argumentsGluedInOneMavenPropertyAreSplitAndEmptyOnesDropped() {
        BenchOptions o = BenchOptions.parse("", " --scale 0.5  --repeats 5 ", "--serializers kryo,json");

        assertThat(o.scaleText).isEqualTo("0.5");
        assertThat(o.repeats).isEqualTo(5);
        assertThat(o.serializers).containsExactly("kryo", "json");
    }

    @Test
    void sizesFollowThePythonScriptIncludingItsMinimumOfTenFrames() {
        assertThat(BenchOptions.sizes(1)).isEqualTo(new BenchOptions.Sizes(200_000, 20_000, 100_000, 2000));
        assertThat(BenchOptions.sizes(0.001)).isEqualTo(new BenchOptions.Sizes(200, 20, 100, 10));
    }

    @Test
    void workloadsAreChosenByThePythonScriptsResultNames() {
        assertThat(BenchOptions.parse("--workloads", "queue_1p1c,raw_socket_1MiB").workloads)
                .isEqualTo(EnumSet.of(Workload.QUEUE_1P1C, Workload.RAW_SOCKET));
        assertThatThrownBy(() -> BenchOptions.parse("--workloads", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown workload 'nope'; known: [pipe_throughput,");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse("--frobnicate"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown argument '--frobnicate'");
        assertThatThrownBy(() -> BenchOptions.parse("--scale"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--scale needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--repeats", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--repeats must be positive: 0.0");
    }

    @Test
    void warmChildrenRunFourUntimedPassesAndTheTimedOneFreshChildrenOneByDefault() {
        assertThat(BenchOptions.parse("--warm-children").passes()).isEqualTo(5);
        assertThat(BenchOptions.parse("--warm-children --warm-passes 1").passes()).isEqualTo(2);
        assertThat(BenchOptions.parse("--warm-passes 3").passes()).isEqualTo(1);
        assertThat(BenchOptions.parse("").passes()).isEqualTo(1);
        assertThatThrownBy(() -> BenchOptions.parse("--warm-passes", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--warm-passes must be positive: 0.0");
    }

    @Test
    void childJvmOptionsRepeat() {
        assertThat(BenchOptions.parse("--child-jvm-option", "-Xmx64m", "--child-jvm-option", "-Xss1m")
                .childJvmOptions).isEqualTo(List.of("-Xmx64m", "-Xss1m"));
    }
}
