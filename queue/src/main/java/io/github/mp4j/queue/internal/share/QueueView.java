package io.github.mp4j.queue.internal.share;

import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.Queue;
import java.time.Duration;

/**
 * The {@link Queue} users hold, over the owner's queue or a remote proxy.
 *
 * <p>{@link #joinThread()} and {@link #cancelJoinThread()}: every {@code put} has written its item to the owner
 * (or stored it, in the owner) before it returns, so there is never a background feeder to wait for;
 * {@code joinThread()} returns at once once the queue is closed, and {@code cancelJoinThread()} is accepted and
 * has nothing to cancel.
 *
 * @param <T> the type of the items
 */
public class QueueView<T> extends SimpleQueueView<T> implements Queue<T> {
    private static final long serialVersionUID = 1L;

    public QueueView(QueueBackend backend) {
        super(backend);
    }

    @Override
    public void put(T item, Duration timeout) throws InterruptedException {
        timedPut(item, Deadline.nanos(timeout));
    }

    @Override
    public void putNowait(T item) {
        try {
            timedPut(item, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("putNowait never waits, yet was interrupted", e);
        }
    }

    @Override
    public T get(Duration timeout) throws InterruptedException {
        return cast(timedGet(Deadline.nanos(timeout)));
    }

    @Override
    public T getNowait() {
        try {
            return cast(timedGet(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("getNowait never waits, yet was interrupted", e);
        }
    }

    @Override
    public int qsize() {
        return backend.qsize();
    }

    @Override
    public boolean full() {
        int max = backend.maxsize();
        return max > 0 && backend.qsize() >= max;
    }

    @Override
    public int maxsize() {
        return backend.maxsize();
    }

    @Override
    public void joinThread() {
        if (!backend.isClosed()) {
            throw new IllegalStateException("Queue is still open");
        }
    }

    @Override
    public void cancelJoinThread() {
        // Nothing is ever left to hand over after put returns; see the class comment.
    }
}
