package io.github.mp4j.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PythonBaselineTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void resultLinesAreParsedAndTheScaleIsPassedThrough(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("fake.py");
        Files.writeString(script, "import sys\n"
                + "print('warming up')\n"
                + "print('RESULT pipe_throughput %.1f msg/s' % (1000 * float(sys.argv[3])))\n"
                + "print('RESULT pipe_pingpong_rtt 42.5 us')\n");

        Map<String, Double> r = new PythonBaseline(script, "0.5").runOnce();

        assertThat(r).containsExactly(Map.entry("pipe_throughput", 500.0), Map.entry("pipe_pingpong_rtt", 42.5));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aScriptThatPrintsNoResultFails(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("silent.py");
        Files.writeString(script, "print('nothing')\n");

        assertThatThrownBy(() -> new PythonBaseline(script, "1").runOnce()).isInstanceOf(IOException.class)
                .hasMessage("python3 " + script + " exited with 0 and printed 0 RESULT lines");
    }

    @Test
    void aMissingScriptNamesWhereItWasLookedFor(@TempDir Path dir) {
        assertThatThrownBy(() -> PythonBaseline.locate(dir.resolve("none.py").toString(), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPython benchmark script not found at [" + dir.resolve("none.py")
                        + "]; pass --python-script <path> or --no-python");
    }

    @Test
    void theRepoRootIsTheNearestDirectoryWithPomAndBenchmarks(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("benchmarks/src"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");

        assertThat(PythonBaseline.repoRoot(dir.resolve("benchmarks/src"))).isEqualTo(dir.toAbsolutePath());
    }
}
