package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.redis.internal.share.RedisQueueHandle;
import java.io.Serializable;

/**
 * A Redis queue received from another process, attached on first use through the {@code RedisQueues} this process
 * connected to the same server (so a handle can arrive before the receiver connects, e.g. as a child's argument).
 * Without one, every operation fails with {@link QueueBrokenException} saying what to do.
 */
final class LazyRedisQueue implements QueueBackend {
    private final RedisQueueHandle handle;
    private volatile QueueBackend attached;
    private volatile boolean closed;

    LazyRedisQueue(RedisQueueHandle handle) {
        this.handle = handle;
    }

    private QueueBackend attached() {
        QueueBackend q = attached;
        if (q == null) {
            synchronized (this) {
                q = attached;
                if (q == null) {
                    Attachments.Attacher attacher = Attachments.find(handle.server());
                    if (attacher == null) {
                        throw new QueueBrokenException(describe() + " was handed to this process, which has no open "
                                + "RedisQueues for " + handle.server() + " accepting handles; connect one "
                                + "(RedisQueues.connect(uri)) before using queues received from other processes",
                                null);
                    }
                    attached = q = attacher.attach(handle);
                    if (closed) {
                        q.close();
                    }
                }
            }
        }
        return q;
    }

    @Override
    public void put(Object item, long nanos) throws InterruptedException {
        attached().put(item, nanos);
    }

    @Override
    public Object get(long nanos) throws InterruptedException {
        return attached().get(nanos);
    }

    @Override
    public int qsize() {
        return attached().qsize();
    }

    @Override
    public void taskDone() {
        attached().taskDone();
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        return attached().join(nanos);
    }

    @Override
    public void close() {
        closed = true;
        QueueBackend q = attached;
        if (q != null) {
            q.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int maxsize() {
        return handle.maxsize();
    }

    @Override
    public QueueHandle handle() {
        throw new UnsupportedOperationException(describe() + " has no owner process");
    }

    @Override
    public Serializable replacement() {
        return handle;
    }

    @Override
    public String describe() {
        return "redis queue '" + handle.name() + "' at " + handle.server();
    }
}
