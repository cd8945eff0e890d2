package io.github.mp4j.queue.internal.share;

import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.internal.Recordings;
import io.github.mp4j.queue.internal.jfr.QueueGetEvent;
import io.github.mp4j.queue.internal.jfr.QueueOpEvent;
import io.github.mp4j.queue.internal.jfr.QueuePutEvent;
import java.io.Serializable;

/**
 * The {@link SimpleQueue} users hold, over the owner's queue or a remote proxy. Serializes as a
 * {@link QueueHandle} ({@code writeReplace}), which resolves back to a view in the receiving process.
 *
 * @param <T> the type of the items
 */
public class SimpleQueueView<T> implements SimpleQueue<T>, Serializable, QueueOpEvent.Described {
    private static final long serialVersionUID = 1L;

    /** What the operations run on; never serialized (the view travels as its handle). */
    final transient QueueBackend backend;
    /** {@link #eventLabel()}, made on first use. */
    private transient String eventLabel;

    public SimpleQueueView(QueueBackend backend) {
        this.backend = backend;
    }

    @Override
    public void put(T item) throws InterruptedException {
        timedPut(item, Deadline.NONE);
    }

    @Override
    public T get() throws InterruptedException {
        return cast(timedGet(Deadline.NONE));
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
    /**
     * Every put of every view kind goes through here: {@code backend.put}, timed as a JFR {@code mp4j.QueuePut}
     * event (free when no recording wants it).
     */
    final void timedPut(Object item, long nanos) throws InterruptedException {
        if (!Recordings.active()) { // loading an event class sets up JFR: not on a child's first put
            backend.put(item, nanos);
            return;
        }
        QueuePutEvent event = new QueuePutEvent();
        event.begin();
        String outcome = "error";
        try {
            backend.put(item, nanos);
            outcome = "ok";
        } catch (RuntimeException | InterruptedException | Error e) {
            outcome = e.getClass().getSimpleName();
            throw e;
        } finally {
            event.end(this, outcome);
        }
    }

    /** Every get goes through here: {@code backend.get}, timed as a JFR {@code mp4j.QueueGet} event. */
    final Object timedGet(long nanos) throws InterruptedException {
        if (!Recordings.active()) {
            return backend.get(nanos);
        }
        QueueGetEvent event = new QueueGetEvent();
        event.begin();
        String outcome = "error";
        try {
            Object item = backend.get(nanos);
            outcome = "ok";
            return item;
        } catch (RuntimeException | InterruptedException | Error e) {
            outcome = e.getClass().getSimpleName();
            throw e;
        } finally {
            event.end(this, outcome);
        }
    }

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
    public String eventLabel() {
        String label = eventLabel; // a race builds the same string twice: harmless
        if (label == null) {
            eventLabel = label = getClass().getSimpleName().replace("View", "") + "[" + backend.describe() + "]";
        }
        return label;
    }

    @Override
    public String toString() {
        String label = eventLabel();
        return backend.isClosed() ? label.substring(0, label.length() - 1) + ", closed here]" : label;
    }
}
