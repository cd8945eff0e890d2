package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exceptions with their remote stacks, unserializable results, and worker deaths; one pool survives them all. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TaskFailuresTest {
    static JvmPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pool = Pools.builder(2).name("Failures").jvmOptions("-Xmx64m").build();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void aTaskExceptionReachesTheFutureWithTheRemoteStackNamingTheWorker() throws Exception {
        CompletableFuture<Object> f = pool.submit(() -> {
            Tasks.boom();
            return null;
        });
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(RemoteTaskException.class)
                .hasMessageMatching("java\\.lang\\.IllegalStateException: boom \\[in worker Failures-worker-\\d+, pid \\d+\\]");
        RemoteTaskException remote = (RemoteTaskException) f.handle((v, e) -> e)
                .get();
        assertThat(remote.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(remote.remoteMessage()).isEqualTo("boom");
        assertThat(remote.getStackTrace()[0].getMethodName()).isEqualTo("boom");
        assertThat(remote.getStackTrace()[0].getClassName()).isEqualTo(Tasks.class.getName());
        StackTraceElement last = remote.getStackTrace()[remote.getStackTrace().length - 1];
        assertThat(last.getClassName()).isEqualTo(RemoteTaskException.WORKER_FRAME_CLASS);
        assertThat(last.getMethodName()).matches("Failures-worker-\\d+ pid \\d+");
        assertThat(remote.getCause()).isInstanceOf(RemoteTaskException.class)
                .hasMessageStartingWith("java.lang.IllegalArgumentException: root cause [in worker Failures-worker-");
    }

    @Test
    void mapRethrowsTheTaskExceptionInTheParent() {
        assertThatThrownBy(() -> pool.map((Integer x) -> {
            if (x == 5) {
                throw new ArithmeticException("five");
            }
            return x;
        }, List.of(1, 2, 3, 4, 5, 6), 2))
                .isInstanceOf(RemoteTaskException.class)
                .hasMessageStartingWith("java.lang.ArithmeticException: five [in worker Failures-worker-");
    }

    @Test
    void anUnserializableResultFailsThatTaskOnly() throws Exception {
        CompletableFuture<Object> bad = pool.submit(() -> new Object());
        assertThatThrownBy(bad::get).cause().isInstanceOf(RemoteTaskException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(pool.submit(() -> "fine").get()).isEqualTo("fine");
    }

    @Test
    void anUnserializableTaskThrowsInTheCaller() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> pool.submit(() -> notSerializable.hashCode()))
                .isInstanceOf(io.github.mp4j.SerializationException.class)
                .hasMessageContaining("must be java.io.Serializable")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void systemExitInATaskFailsItWithWorkerDiedAndThePoolGoesOn() throws Exception {
        CompletableFuture<Object> f = pool.submit(() -> {
            System.exit(42);
            return null;
        });
        assertThatThrownBy(f::get).cause().isInstanceOf(WorkerDiedException.class)
                .hasMessageMatching("worker Failures-worker-\\d+ \\(pid \\d+\\) died with exit code 42 while running"
                        + " task \\d+ \\(.*\\)");
        WorkerDiedException died = (WorkerDiedException) f.handle((v, e) -> e).get();
        assertThat(died.exitCode()).hasValue(42);
        assertThat(died.deaths()).isEqualTo(1);
        assertThat(pool.apply(() -> "still serving")).isEqualTo("still serving");
    }

    @Test
    void outOfMemoryEndsTheWorkerAndFailsItsTaskWithWorkerDied() throws Exception {
        CompletableFuture<Object> f = pool.submit(() -> {
            long[][] hog = new long[1024][];
            for (int i = 0; i < hog.length; i++) {
                hog[i] = new long[1 << 20]; // 8 MiB each, past -Xmx64m
            }
            return hog.length;
        });
        assertThatThrownBy(f::get).cause().isInstanceOf(WorkerDiedException.class)
                .hasMessageContaining("died with exit code 3 while running");
        assertThat(pool.apply(() -> 1)).isEqualTo(1);
    }

    @Test
    void killMinus9MidMapFailsOnlyTheVictimsChunkAndTheOtherChunksComplete() {
        List<Integer> input = Arrays.asList(0, 1, 2, 3, 4, 5, 6, 7);
        String marker = dir.resolve("killed").toString();
        List<Object> seen = new java.util.ArrayList<>();
        try (MapIterator<Integer> it = pool.imap((Integer x) -> Tasks.killOnceThenTimesTen(x, marker), input, 2)) {
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    seen.add(it.next());
                } catch (WorkerDiedException e) {
                    seen.add("died:" + e.exitCode().getAsInt());
                }
            }
        }
        // chunk [2, 3] was on the killed worker; every other chunk completed
        assertThat(seen).containsExactly(0, 10, "died:137", 40, 50, 60, 70);
    }
}
