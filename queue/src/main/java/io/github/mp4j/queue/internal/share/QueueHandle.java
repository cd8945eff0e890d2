package io.github.mp4j.queue.internal.share;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.internal.QueueRegistry;
import io.github.mp4j.spi.HandleRules;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a queue becomes when it is serialized (as a {@link io.github.mp4j.process.JvmProcess} argument or inside a
 * message): where its owner listens and everything a process needs to attach — Python's {@code __getstate__} for
 * queues. Deserializing it ({@code readResolve}) gives the owner's own queue in the owner process and a proxy
 * that attaches on first use everywhere else (one open proxy, and one connection, per process and queue; a proxy
 * closed there is replaced by a fresh one for the next handle).
 *
 * @param address the socket of the owner's attach service
 * @param authkey the attach service's key (a secret: handles travel only to trusted processes)
 * @param queueId the queue's id at the owner
 * @param kind which interface the queue offers
 * @param maxsize the bound, 0 when unbounded
 * @param serializer the name of the serializer items are encoded with
 * @param typePolicy which types the queue's items may hold (a receiving process narrows its own policy by it)
 * @param maxFrameLength the largest frame the owner accepts
 * @param owner the owner process, {@code pid@host}
 * @param name the name the queue was given at creation, or null (then messages say {@code "queue <queueId>"})
 */
public record QueueHandle(String address, byte[] authkey, int queueId, QueueKind kind, int maxsize,
                          String serializer, TypePolicy typePolicy, long maxFrameLength, String owner, String name)
        implements Serializable {

    /** A handle of a queue without a name. */
    public QueueHandle(String address, byte[] authkey, int queueId, QueueKind kind, int maxsize,
                       String serializer, TypePolicy typePolicy, long maxFrameLength, String owner) {
        this(address, authkey, queueId, kind, maxsize, serializer, typePolicy, maxFrameLength, owner, null);
    }

    /**
     * Resolves to the queue itself (in the owner) or the process's proxy for it, under the receiving side's rules
     * ({@link HandleRules#current()}): see {@link QueueRegistry#resolve}.
     *
     * @throws io.github.mp4j.HandleRefusedException if the handle asks for more than those rules allow
     */
    private Object readResolve() throws ObjectStreamException {
        return QueueRegistry.resolve(this, HandleRules.current());
    }

    /** Describes the handle without its authkey. */
    @Override
    public String toString() {
        return "QueueHandle[" + (name == null ? "queue " + queueId : "queue \"" + name + "\"") + " owned by " + owner + ", " + kind + ", maxsize=" + maxsize
                + ", serializer=" + serializer + ", address=" + address + "]";
    }
}
