package io.github.mp4j.pool.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The machinery behind the pool's single-task verbs ({@code submit}, {@code apply}, {@code applyAsync}): queueing
 * one {@link Work} on the {@link Scheduler} as a future, and waiting for it the way the blocking verbs do.
 */
public final class TaskCalls {
    private final Scheduler scheduler;

    public TaskCalls(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The future of {@code task} run in a worker; {@code task} is serialized here, in the caller. */
    public <T> CompletableFuture<T> submit(java.util.concurrent.Callable<T> task) {
        return enqueue(new CallWork(task), task);
    }

    /** The future of {@code work} run in a worker, described (in errors) by {@code describedBy}'s class name. */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> enqueue(Work work, Object describedBy) {
        return (CompletableFuture<T>) (CompletableFuture<?>) scheduler.submit(work,
                describedBy.getClass().getName(), false);
    }

    /**
     * The future's result; what the task threw is rethrown unchecked (a checked one wrapped in a
     * {@link CompletionException}). If interrupted, cancels the future (interrupting the task) and throws.
     */
    public static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new CompletionException(t);
    }
}
