package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.Deadline;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The producing end of one ring: a byte stream into shared memory, like the write side of a socket. Bytes are
 * published (release) in chunks as large as the free space allows, so a write larger than the ring streams through
 * it in pieces while the consumer reads. A write blocks while the ring is full (spin, then park on the doorbell).
 *
 * <p>One writing thread at a time (the connection's send lock); {@link #close()} may come from any thread.
 * A consumer that writes garbage into the counters makes every later call throw {@link ProtocolException}; the
 * rest of the process is not affected.
 */
public final class RingSink implements Closeable {
    private final RingView ring;
    private final Parker parker;
    private final Doorbell doorbell;
    private long tail;
    private long headCache;
    private volatile boolean closed;
    private String broken;

    RingSink(RingView ring, Doorbell doorbell, SpinPolicy spin) {
        this.ring = ring;
        this.doorbell = doorbell;
        this.parker = new Parker(ring.words, ring.word(RingDescriptor.PRODUCER_PARKED_OFFSET), doorbell, spin);
    }

    /** Bytes of the ring's data area. */
    public int capacity() {
        return ring.capacity;
    }

    /**
     * Writes {@code length} bytes of {@code src} from {@code offset}, blocking while the ring is full until
     * {@code deadline} (a {@link Deadline}; {@link Deadline#NONE} waits for ever).
     *
     * @return the bytes written: {@code length}, or fewer only when the deadline passed
     * @throws ClosedChannelException if this sink is closed
     * @throws IOException if the consumer closed its end or is gone (its socket at EOF) while the ring is full
     * @throws ProtocolException if the consumer broke the ring's counters
     */
    public int write(byte[] src, int offset, int length, long deadline) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        int done = 0;
        while (done < length) {
            int n = Math.min(reserve(deadline), length - done);
            if (n == 0) {
                return done;
            }
            ring.copyIn(tail, src, offset + done, n);
            publish(n);
            done += n;
        }
        return done;
    }

    /** {@link #write(byte[], int, int, long)} of {@code src}'s remaining bytes; its position advances. */
    public int write(ByteBuffer src, long deadline) throws IOException {
        int done = 0;
        while (src.hasRemaining()) {
            int n = Math.min(reserve(deadline), src.remaining());
            if (n == 0) {
                return done;
            }
            ring.copyIn(tail, src, n);
            publish(n);
            done += n;
        }
        return done;
    }

    /** Free bytes now (a snapshot). */
    public int free() throws ProtocolException {
        checkBroken();
        return (int) (ring.capacity - (tail - head()));
    }

    /**
     * Marks the stream ended cleanly: the consumer reads what was published, then end-of-stream. Idempotent.
     * The mapping and the doorbell socket belong to the {@link RingEnd}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ring.words.releaseInt(ring.word(RingDescriptor.PRODUCER_CLOSED_OFFSET), 1);
        SharedWords.fullFence();
        if (ring.words.acquireInt(ring.word(RingDescriptor.CONSUMER_PARKED_OFFSET)) != 0) {
            doorbell.ring();
        }
    }

    /** Free bytes, waiting for at least one until the deadline; 0 when it passed. */
    private int reserve(long deadline) throws IOException {
        while (true) {
            if (closed) {
                throw new ClosedChannelException();
            }
            checkBroken();
            long free = ring.capacity - (tail - headCache);
            if (free > 0) {
                return (int) free;
            }
            free = ring.capacity - (tail - head());
            if (free > 0) {
                return (int) free;
            }
            if (consumerClosed()) {
                throw new IOException("shared ring " + ring.name + ": the reading end closed with "
                        + ring.capacity + " bytes unread");
            }
            Doorbell.Wake wake = parker.await(this::spaceOrNews, deadline);
            if (wake == Doorbell.Wake.TIMEOUT) {
                return 0;
            }
            if (wake == Doorbell.Wake.PEER_GONE && tail - head() == ring.capacity) {
                throw new IOException("shared ring " + ring.name + ": the reading end is gone (its socket is at"
                        + " end-of-stream) with " + ring.capacity + " bytes unread");
            }
        }
    }

    private boolean spaceOrNews() {
        return ring.words.acquireLong(ring.word(RingDescriptor.HEAD_OFFSET)) != headCache || consumerClosed();
    }

    private boolean consumerClosed() {
        return ring.words.acquireInt(ring.word(RingDescriptor.CONSUMER_CLOSED_OFFSET)) != 0;
    }

    private void publish(int n) {
        tail += n;
        ring.words.releaseLong(ring.word(RingDescriptor.TAIL_OFFSET), tail);
        SharedWords.fullFence();
        if (ring.words.acquireInt(ring.word(RingDescriptor.CONSUMER_PARKED_OFFSET)) != 0) {
            doorbell.ring();
        }
    }

    /** Reads the consumer's counter, checking it only moves forward and never passes the tail. */
    private long head() throws ProtocolException {
        long head = ring.words.acquireLong(ring.word(RingDescriptor.HEAD_OFFSET));
        if (head < headCache || head > tail) {
            broken = "head moved from " + headCache + " to " + head + " with tail " + tail
                    + " (it may only grow, up to the tail)";
            throw ring.corrupt(broken);
        }
        headCache = head;
        return head;
    }

    private void checkBroken() throws ProtocolException {
        if (broken != null) {
            throw ring.corrupt(broken);
        }
    }
}
