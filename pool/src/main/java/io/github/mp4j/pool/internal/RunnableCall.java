package io.github.mp4j.pool.internal;

import io.github.mp4j.pool.SerializableCallable;

/**
 * A runnable with a fixed result, as {@link java.util.concurrent.Executors#callable(Runnable, Object)}, but
 * serializable: {@code submit(Runnable, T)} sends it to a worker.
 *
 * @param <T> the result type
 */
public final class RunnableCall<T> implements SerializableCallable<T> {
    private static final long serialVersionUID = 1L;
    private final Runnable task;
    private final T result;

    public RunnableCall(Runnable task, T result) {
        this.task = task;
        this.result = result;
    }

    @Override
    public T call() {
        task.run();
        return result;
    }
}
