package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.process.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A pool's workers never outlive its JVM, and an unclosed pool does not keep that JVM alive. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ParentDeathTest {
    @TempDir
    Path dir;

    /** In a middle JVM: starts a pool of 2, writes its workers' pids to args[0], then returns (args[1]) or waits. */
    static void middle(Object... args) throws Exception {
        JvmPool pool = Pools.builder(2).build();
        pool.apply(() -> 1); // a worker is up
        String pids = ProcessHandle.current().children().map(p -> Long.toString(p.pid()))
                .collect(Collectors.joining(","));
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, pids);
        Files.move(tmp, Path.of((String) args[0]));
        if (!(Boolean) args[1]) {
            Thread.sleep(600_000);
        }
    }

    @Test
    void killMinus9OfTheParentEndsEveryWorker() throws Exception {
        Path pidsFile = dir.resolve("pids");
        try (JvmProcess parent = JvmProcess.builder(ParentDeathTest::middle).args(pidsFile.toString(), false).build()) {
            parent.start();
            List<Long> workers = awaitPids(pidsFile);
            assertThat(workers).hasSize(2);
            parent.kill();
            assertThat(parent.join(Duration.ofSeconds(60))).isTrue();
            awaitGone(workers);
        }
    }

    @Test
    void anUnclosedPoolDoesNotKeepItsJvmAliveAndItsWorkersEndWithIt() throws Exception {
        Path pidsFile = dir.resolve("pids");
        try (JvmProcess parent = JvmProcess.builder(ParentDeathTest::middle).args(pidsFile.toString(), true).build()) {
            parent.start();
            List<Long> workers = awaitPids(pidsFile);
            assertThat(parent.join(Duration.ofSeconds(120))).isTrue();
            assertThat(parent.exitCode()).hasValue(0);
            awaitGone(workers);
        }
    }

    private static List<Long> awaitPids(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("pids written before the deadline").isLessThan(deadline);
            Thread.sleep(50);
        }
        return List.of(Files.readString(file).split(",")).stream().map(Long::parseLong).collect(Collectors.toList());
    }

    private static void awaitGone(List<Long> pids) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long pid : pids) {
            while (isRunning(pid)) {
                assertThat(System.nanoTime()).as("worker %d gone before the deadline", pid).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** A zombie (exited, not yet reaped) counts as gone. */
    private static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return false;
    }
}
