package io.github.mp4j.pipe;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that block: run a task on its own thread, and wait until a thread parks in a selector. */
final class TestThreads {
    private TestThreads() {
    }

    /** A started thread running {@code task}, with its result as a future. */
    static <T> Started<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, name);
        t.setDaemon(true);
        t.start();
        return new Started<>(t, future);
    }

    /** A thread and its result. */
    static final class Started<T> {
        final Thread thread;
        final FutureTask<T> future;

        Started(Thread thread, FutureTask<T> future) {
            this.thread = thread;
            this.future = future;
        }

        T get() throws Exception {
            return future.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Returns once {@code t} is blocked inside a {@code Selector.select} call (checked via its stack); fails if it
     * ends first or is not blocked within 60 s.
     */
    static void awaitBlockedInSelect(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!inSelect(t)) {
            if (!t.isAlive()) {
                throw new AssertionError("thread " + t.getName() + " ended before blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("thread " + t.getName() + " did not block in select within 60 s; it is "
                        + t.getState() + " at " + Arrays.toString(t.getStackTrace()));
            }
            Thread.sleep(2);
        }
    }

    private static boolean inSelect(Thread t) {
        return Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().contains("Selector") && f.getMethodName().contains("select"));
    }
}
