package io.github.mp4j.queue.redis.internal.share;

import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.redis.internal.Attachments;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a Redis queue becomes when it is passed to another process (a {@code JvmProcess} argument or inside a
 * message): the server (without user or password), the queue's name, kind, bound and serializer name. No secret
 * and no type policy travels: the receiving process attaches only through a {@code RedisQueues} it connected to the
 * same server itself, with its own credentials and its own type policy.
 *
 * @param server {@code redis://host:port/db}
 * @param name the queue's name in Redis
 * @param kind which interface the queue offers
 * @param maxsize the bound, 0 when unbounded
 * @param serializer the name of the serializer items are encoded with
 */
public record RedisQueueHandle(String server, String name, QueueKind kind, int maxsize, String serializer)
        implements Serializable {

    /** Resolves to a view over this process's attachment to the queue (made on first use). */
    private Object readResolve() throws ObjectStreamException {
        return Attachments.resolve(this);
    }
}
