package io.github.mp4j.pool.internal;

import java.util.concurrent.CompletableFuture;

/**
 * One task of the pool: its id, its frame for the worker, the map function its worker must hold first (for a map
 * chunk), the future its outcome completes, and how many workers died running it. The future's {@link #cancel(boolean) cancel} also reaches the worker: a task not yet sent is
 * dropped, a task sent is dropped there or, with {@code mayInterruptIfRunning}, interrupted.
 */
public final class PoolTask extends CompletableFuture<Object> {
    final long id;
    final byte[] frame;
    final String description;
    /** The map whose chunk this is, or null for a single task. */
    final MapFunction function;
    private final Object[] elements;
    private final Scheduler scheduler;
    int deaths;
    WorkerHandle worker;

    /**
     * @param function the map of a chunk, or null for a single task
     * @param elements the chunk's elements (to run it here, see {@link #asLocalRunnable}), or null
     */
    PoolTask(Scheduler scheduler, long id, byte[] frame, String description, MapFunction function,
            Object[] elements) {
        this.scheduler = scheduler;
        this.id = id;
        this.frame = frame;
        this.description = description;
        this.function = function;
        this.elements = elements;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            scheduler.cancelled(this, mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** E.g. {@code "task 7 (map chunk 3)"}. */
    @Override
    public String toString() {
        return "task " + id + " (" + description + ")";
    }

    /** A runnable that runs this task in the calling JVM, for {@code shutdownNow()}'s list of tasks never sent. */
    public Runnable asLocalRunnable() {
        if (function != null) {
            return function.locally(elements);
        }
        return () -> {
            try {
                Wire.work(frame).run();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        };
    }
}
