package io.github.mp4j.pool.internal;

import io.github.mp4j.pool.WorkerDiedException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * What a worker's death means for the tasks it held and for the pool. Called with the {@link Scheduler}'s lock held.
 */
final class Deaths {
    private Deaths() {
    }

    /**
     * Settles the tasks a dead worker held, oldest first: those sent but never begun go back to the head of
     * {@code pending}; the oldest, the one running, counts a death and runs again when tasks are idempotent and fewer
     * than {@code maxDeathsPerTask} workers died running it. Tasks already done are left alone.
     *
     * @return the task that must fail with {@link WorkerDiedException}, or null
     */
    static PoolTask settle(List<PoolTask> held, ArrayDeque<PoolTask> pending, PoolConfig config) {
        for (int i = held.size() - 1; i >= 1; i--) {
            if (!held.get(i).isDone()) {
                pending.addFirst(held.get(i)); // sent but never begun
            }
        }
        if (held.isEmpty() || held.get(0).isDone()) {
            return null;
        }
        PoolTask first = held.get(0);
        first.deaths++;
        if (config.idempotent() && first.deaths < config.maxDeathsPerTask()) {
            pending.addFirst(first);
            return null;
        }
        return first;
    }

    /**
     * Why the pool stops after {@code startFailures} workers in a row exited before they were ready, the last being
     * {@code w} with {@code exitCode}.
     */
    static RejectedExecutionException cannotStart(PoolConfig config, int startFailures, WorkerHandle w,
            int exitCode) {
        return new RejectedExecutionException(config.name() + " cannot start workers: " + startFailures
                + " in a row exited before they were ready, the last " + w.label() + " with exit code " + exitCode
                + (w.initFailure != null ? ", its initializer failed: " + w.initFailure.getMessage()
                        : "; see its stderr"), w.initFailure);
    }
}
