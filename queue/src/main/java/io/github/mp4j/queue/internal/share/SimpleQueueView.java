package io.github.mp4j.queue.internal.share;

import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.Timeouts;
import io.github.mp4j.SimpleQueue;
import java.io.Serializable;

/**
 * The {@link SimpleQueue} users hold, over the owner's queue or a remote proxy. Serializes as a
 * {@link QueueHandle} ({@code writeReplace}), which resolves back to a view in the receiving process.
 *
 * @param <T> the type of the items
 */
public class SimpleQueueView<T> implements SimpleQueue<T>, Serializable {
    private static final long serialVersionUID = 1L;

    /** What the operations run on; never serialized (the view travels as its handle). */
    final transient QueueBackend backend;

    public SimpleQueueView(QueueBackend backend) {
        this.backend = backend;
    }

    @Override
    public void put(T item) throws InterruptedException {
        backend.put(item, Timeouts.FOREVER);
    }

    @Override
    public T get() throws InterruptedException {
        return cast(backend.get(Timeouts.FOREVER));
    }

    @Override
    public boolean empty() {
        return backend.qsize() == 0;
    }

    @Override
    public void close() {
        backend.close();
    }

    /** What this view's operations run on: the owner's queue or a remote proxy. */
    public final QueueBackend backend() {
        return backend;
    }

    @SuppressWarnings("unchecked")
    final T cast(Object item) {
        return (T) item;
    }

    /** Serialization: travels as the queue's handle. */
    protected final Object writeReplace() {
        return backend.replacement();
    }

    /** A view travels only as its {@link QueueHandle}; a stream naming a view class itself is forged. */
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
        throw new java.io.InvalidObjectException("a queue travels as a QueueHandle; this stream names "
                + getClass().getName() + " itself and is forged or corrupt");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName().replace("View", "") + "[" + backend.describe()
                + (backend.isClosed() ? ", closed here" : "") + "]";
    }
}
