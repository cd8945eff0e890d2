package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of file descriptors does not kill a listener's accept thread nor make it spin: in a child JVM under
 * {@code prlimit --nofile}, with every descriptor taken, a client's connection waits in the backlog while the
 * accept thread fails, backs off (10 ms doubling to 1 s: at most 8 attempts plus one per further second) and logs
 * the condition once; when descriptors are freed it accepts that client and serves it. Before, the first warning
 * failed inside logging ({@code NoClassDefFoundError}) and the Error ended the loop, or the loop retried at once
 * and kept a core busy.
 */
class FdExhaustionTest {
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void acceptBacksOffWhileDescriptorsAreExhaustedAndServesOnceTheyAreFreed() throws Exception {
        assumeTrue(Files.isExecutable(PRLIMIT), "needs " + PRLIMIT + " to lower the child's descriptor limit");
        String path = dir.resolve("fd.sock").toString();
        try (ChildJvm child = ChildJvm.start(List.of(PRLIMIT.toString(), "--nofile=300:300"), List.of(),
                FdExhaustionChild.class, dir, path)) {
            child.expect("FAILURES 0 0");
            child.expect("READY");
            assertThat(roundTrip(path, "before")).isEqualTo("before");

            assertThat(child.ask("HOG", "HOGGED ")).contains("Too many open files");
            FutureTask<String> waiting = new FutureTask<>(() -> roundTrip(path, "after"));
            Thread client = new Thread(waiting, "client");
            client.start();

            long[] stats = awaitFailures(child, 3);
            long maxAttempts = 8 + stats[1] / 1000;
            assertThat(stats[0]).as("accept attempts while exhausted for %d ms", stats[1]).isLessThanOrEqualTo(
                    maxAttempts);
            assertThat(waiting.isDone()).as("the client waits while descriptors are exhausted").isFalse();

            child.ask("FREE", "FREED");
            assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo("after");
            assertThat(roundTrip(path, "later")).isEqualTo("later");
            assertThat(child.isAlive()).isTrue();

            String stderr = child.stderr();
            assertThat(stderr).doesNotContain("NoClassDefFoundError").doesNotContain("ACCEPT FAILED");
            long warnings = stderr.lines().filter(l -> l.contains("accepting on " + path + " failed")).count();
            long allowed = 1 + stats[1] / AuthenticatingAcceptor.LOG_INTERVAL.toMillis();
            assertThat(warnings).as("warnings logged (stderr:%n%s)", stderr).isBetween(1L, allowed + 1);
        }
    }

    private static String roundTrip(String path, String text) throws Exception {
        try (Connection c = Client.connect(path, FdExhaustionChild.KEY)) {
            c.sendBytes(text.getBytes());
            return new String(c.recvBytes());
        }
    }

    /** Polls (60 s deadline) until the child counted {@code n} failed accepts: {failures, ms since HOG}. */
    private static long[] awaitFailures(ChildJvm child, long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (;;) {
            String[] parts = child.ask("FAILURES", "FAILURES ").split(" ");
            long[] stats = {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            if (stats[0] >= n) {
                return stats;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + stats[0] + " failed accepts after " + stats[1] + " ms");
            }
            Thread.sleep(50);
        }
    }
}
