package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.pipe.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold child does only what its target asks for before its first message: no JFR set-up without a recording (mp4j
 * creates its events only while JFR runs), no warm-up thread. Checked on the child's own {@code -Xlog:class+load}
 * file once its first message has arrived.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ColdChildFirstMessageTest {
    @TempDir
    Path dir;

    @Test
    void aColdChildSendsItsFirstMessageWithoutSettingUpJfr() throws Exception {
        assertThat(loadedUntilFirstMessage()).as("classes the cold child loaded up to its first message")
                .anyMatch(line -> line.contains(" io.github.mp4j.pipe.internal.share.PipeEnd "))
                .noneMatch(line -> line.contains(" jdk.jfr.Event "))
                .noneMatch(line -> line.contains(" jdk.jfr.internal."))
                .noneMatch(line -> line.contains(" io.github.mp4j.pipe.internal.jfr.FrameSentEvent "))
                .noneMatch(line -> line.contains(" io.github.mp4j.process.internal.SpareWarmUp "));
    }

    @Test
    void withARecordingTheChildStillSetsUpJfr() throws Exception {
        assertThat(loadedUntilFirstMessage("-XX:StartFlightRecording=filename=" + dir.resolve("child.jfr")))
                .as("classes the recorded child loaded up to its first message")
                .anyMatch(line -> line.contains(" io.github.mp4j.pipe.internal.jfr.FrameSentEvent "));
    }

    /** Starts a cold child with {@code options} and returns its class-load log as it is when its first message came. */
    private List<String> loadedUntilFirstMessage(String... options) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> jvmOptions = new java.util.ArrayList<>(List.of(options));
        jvmOptions.add("-Xlog:class+load:file=" + log);
        try (Pipe pipe = Pipe.open(true);
                JvmProcess p = JvmProcess.builder(WarmSpareFirstMessageTest::sendFirst).args(pipe.second())
                        .jvmOptions(jvmOptions.toArray(String[]::new)).build()) {
            p.start();
            assertThat(pipe.first().recv()).isEqualTo("first");
            List<String> loaded = Files.readAllLines(log);
            pipe.first().send("quit");
            assertThat(p.join(Duration.ofSeconds(60))).isTrue();
            return loaded;
        }
    }
}
