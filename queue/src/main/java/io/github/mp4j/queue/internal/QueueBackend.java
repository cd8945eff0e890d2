package io.github.mp4j.queue.internal;

import io.github.mp4j.queue.internal.share.QueueHandle;
/**
 * The operations behind a queue view: implemented by the owner's {@link io.github.mp4j.queue.internal.owner.OwnerQueue} and by the {@link io.github.mp4j.queue.internal.remote.RemoteQueue}
 * proxy of an attached process. Timeouts are nanoseconds from {@link io.github.mp4j.pipe.internal.Deadline#nanos}:
 * {@link io.github.mp4j.pipe.internal.Deadline#NONE} waits for ever, 0 not at all.
 */
public interface QueueBackend {

    /** Encodes and appends {@code item}; on a full bounded queue waits up to {@code nanos}. */
    void put(Object item, long nanos) throws InterruptedException;

    /** Removes and decodes the head item, waiting up to {@code nanos}. */
    Object get(long nanos) throws InterruptedException;

    /** The exact number of items put and not yet returned by a get. */
    int qsize();

    /** Marks one task done (joinable queues). */
    void taskDone();

    /** Waits up to {@code nanos} until no task is unfinished; false on timeout. */
    boolean join(long nanos) throws InterruptedException;

    /** Ends this process's use of the queue. Idempotent. */
    void close();

    /** Whether {@link #close()} was called in this process. */
    boolean isClosed();

    /** The bound, or 0 when unbounded. */
    int maxsize();

    /** What a view serializes to. */
    QueueHandle handle();

    /**
     * How many of a joinable queue's tasks ended the way {@code which} says, counted by the owner (asked over the
     * connection in an attached process).
     *
     * @throws UnsupportedOperationException if this backend does not count them
     */
    default long tasksEnded(TaskEnd which) {
        throw new UnsupportedOperationException(describe() + " does not count " + which + " tasks");
    }

    /**
     * What a view of this queue becomes when serialized: {@link #handle()} for queues owned by a process;
     * backends that keep queues elsewhere (a Redis server) return their own serializable handle.
     */
    default java.io.Serializable replacement() {
        return handle();
    }

    /** {@code "queue 3 owned by 1234@host"}, for messages. */
    String describe();
}
