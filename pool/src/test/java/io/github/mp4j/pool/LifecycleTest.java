package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Cancellation, shutdown with tasks pending, shutdownNow, maxTasksPerChild and the ExecutorService verbs. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void cancelTrueInterruptsTheRunningTaskInTheWorkerWhichThenServesTheNextTask() throws Exception {
        Path file = dir.resolve("interrupted");
        String name = file.toString();
        try (JvmPool pool = Pools.builder(1).build()) {
            long pid = pool.apply(Tasks::pid);
            CompletableFuture<String> running = pool.submit(() -> Tasks.waitForInterrupt(name));
            awaitStarted(file);
            assertThat(running.cancel(true)).isTrue();
            assertThatThrownBy(running::get).isInstanceOf(CancellationException.class);
            assertThat(pool.apply(Tasks::pid)).isEqualTo(pid); // same worker, still alive
            assertThat(file).hasContent("interrupted");
        }
    }

    /** Polls (with a deadline) until the task of {@link Tasks#waitForInterrupt} has begun. */
    static void awaitStarted(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(Tasks.started(file))) {
            assertThat(System.nanoTime()).as("task started before the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void cancelOfAQueuedTaskMeansItNeverRuns() throws Exception {
        Path ran = dir.resolve("ran");
        String x = dir.resolve("x").toString();
        String ranName = ran.toString();
        try (JvmPool pool = Pools.builder(1).build()) {
            CompletableFuture<String> blocker = pool.submit(() -> Tasks.waitForInterrupt(x));
            awaitStarted(Path.of(x));
            CompletableFuture<Object> queued = pool.submit(() -> Files.writeString(Path.of(ranName), "ran").toString());
            assertThat(queued.cancel(false)).isTrue();
            blocker.cancel(true);
            assertThat(pool.apply(() -> "after")).isEqualTo("after");
            assertThat(ran).doesNotExist();
        }
    }

    @Test
    void shutdownRunsThePendingTasksThenRejectsAndTerminates() throws Exception {
        JvmPool pool = Pools.builder(1).build();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            futures.add(pool.submit(() -> n * 2));
        }
        pool.shutdown();
        assertThat(pool.isShutdown()).isTrue();
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageMatching("JvmPool-\\d+ is shut down and takes no new tasks");
        assertThat(pool.awaitTermination(200, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        List<Integer> results = new ArrayList<>();
        for (CompletableFuture<Integer> f : futures) {
            results.add(f.get());
        }
        assertThat(results).containsExactly(0, 2, 4, 6, 8);
    }

    @Test
    void shutdownNowCancelsPendingAndRunningTasksAndEndsTheWorkers() throws Exception {
        String y = dir.resolve("y").toString();
        JvmPool pool = Pools.builder(1).build();
        long pid = pool.apply(Tasks::pid);
        CompletableFuture<String> running = pool.submit(() -> Tasks.waitForInterrupt(y));
        awaitStarted(Path.of(y));
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(pool.submit(() -> 1));
        }
        List<Runnable> notRun = pool.shutdownNow();
        assertThat(notRun).hasSizeBetween(3, 4); // one may already be sent to the worker, behind the running one
        assertThat(running).isCancelled();
        assertThat(queued).allMatch(CompletableFuture::isCancelled);
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void maxTasksPerChildRecyclesTheWorker() throws Exception {
        try (JvmPool pool = Pools.builder(1).maxTasksPerChild(2).build()) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pids.add(pool.apply(Tasks::pid));
            }
            assertThat(pids.get(0)).isEqualTo(pids.get(1));
            assertThat(pids.get(2)).isEqualTo(pids.get(3)).isNotEqualTo(pids.get(0));
            assertThat(pids.get(4)).isNotIn(pids.get(0), pids.get(2));
        }
    }

    @Test
    void invokeAllInvokeAnyExecuteAndSubmitRunnable() throws Exception {
        Path ran = dir.resolve("executed");
        String ranName = ran.toString();
        String executedName = dir.resolve("executed2").toString();
        try (JvmPool pool = Pools.builder(2).build()) {
            List<Callable<Integer>> tasks = List.of(new Constant(1), new Constant(2), new Constant(3));
            List<Future<Integer>> all = pool.invokeAll(tasks);
            List<Integer> values = new ArrayList<>();
            for (Future<Integer> f : all) {
                values.add(f.get());
            }
            assertThat(values).containsExactly(1, 2, 3);
            assertThat(pool.invokeAny(tasks)).isIn(1, 2, 3);
            assertThat(pool.submit(() -> {
                Tasks.write(ranName, "submitted");
            }).get()).isNull();
            assertThat(ran).hasContent("submitted");
            pool.execute((SerializableRunnable) () -> Tasks.write(executedName, "executed"));
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            assertThat(Path.of(executedName)).hasContent("executed");
        }
    }

    /** A Callable class (not a lambda) that is Serializable. */
    static final class Constant implements Callable<Integer>, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int value;

        Constant(int value) {
            this.value = value;
        }

        @Override
        public Integer call() {
            return value;
        }
    }
}
