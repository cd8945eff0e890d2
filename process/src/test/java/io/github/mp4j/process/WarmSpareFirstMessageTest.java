package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm spare counts as idle once it has done, before it is taken, what every child's first message needs: taken,
 * it attaches its pipe end and sends without setting up JFR, the serializers, the attach client or the log path
 * again. Checked on the spare's own {@code -Xlog:class+load} file: the classes loaded between the moment it was
 * idle and its first message.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WarmSpareFirstMessageTest {
    @TempDir
    Path dir;

    /** Sends "first" on args[0], then waits for "quit". */
    static void sendFirst(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        c.send("first");
        c.recv();
    }

    @Test
    void aTakenSpareAttachesAndSendsItsFirstMessageWithoutLoadingTheAttachPathAgain() throws Exception {
        JvmProcess.Builder builder = JvmProcess.builder(WarmSpareFirstMessageTest::sendFirst).warmSpares(1)
                .jvmOptions("-Xlog:class+load:file=" + dir.resolve("classes-%p.log"));
        builder.prestartSpares();
        awaitIdle(builder);
        Path spareLog = onlyLog();
        int linesWhenIdle = Files.readAllLines(spareLog).size();
        try (Pipe pipe = Pipe.open(true); JvmProcess p = builder.args(pipe.second()).build()) {
            p.start();
            assertThat(pipe.first().recv()).isEqualTo("first");
            assertThat(spareLog.getFileName().toString()).isEqualTo("classes-" + p.pid() + ".log");
            List<String> loadedAfterTaken = Files.readAllLines(spareLog).stream().skip(linesWhenIdle)
                    .collect(Collectors.toList());
            pipe.first().send("quit");
            assertThat(p.join(java.time.Duration.ofSeconds(120))).isTrue();
            assertThat(loadedAfterTaken).as("classes the taken spare loaded before its first message")
                    .noneMatch(line -> line.contains(" jdk.jfr.internal."))
                    .noneMatch(line -> line.contains(" io.github.mp4j.serializer."))
                    .noneMatch(line -> line.contains(" io.github.mp4j.spi.Serializers "))
                    .noneMatch(line -> line.contains(" io.github.mp4j.pipe.internal.attach.AttachClient "))
                    .noneMatch(line -> line.contains(" io.github.mp4j.pipe.internal.RateLimitedLog "))
                    .noneMatch(line -> line.contains(" java.io.ObjectStreamClass$RecordSupport "))
                    .noneMatch(line -> line.contains(" sun.nio.ch.EPollSelectorImpl "))
                    .noneMatch(line -> line.contains(" io.github.mp4j.pipe.internal.ChallengeDigest "))
                    .noneMatch(line -> line.contains(" io.github.mp4j.pipe.internal.attach.AttachRequest "))
                    .noneMatch(line -> line.contains(" io.github.mp4j.pipe.internal.RingSetup "))
                    .noneMatch(line -> line.contains(" java.lang.ProcessHandleImpl$ExitCompletion "))
                    .noneMatch(line -> line.matches(".* io\\.github\\.mp4j\\.pipe\\.internal\\.ring\\.\\w+ source: .*"));
            Files.write(Path.of(System.getProperty("java.io.tmpdir"), "spare-after-taken.txt"), loadedAfterTaken);
        }
    }

    private Path onlyLog() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().startsWith("classes-"))
                    .collect(Collectors.toList());
            assertThat(logs).as("class-load logs of the one spare").hasSize(1);
            return logs.get(0);
        }
    }

    private static void awaitIdle(JvmProcess.Builder builder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (builder.idleSpares() != 1) {
            assertThat(System.nanoTime()).as("a warmed-up idle spare before the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
