package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.Deadline;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The consuming end of one ring: a byte stream out of shared memory, like the read side of a socket. A read
 * returns what is there (up to the caller's length), waits while the ring is empty (spin, then park on the
 * doorbell), and reports end-of-stream once the producer closed cleanly or its socket is at EOF <em>and</em> every
 * published byte was read: a producer killed mid-frame leaves the bytes it published, then EOF, as a socket does.
 *
 * <p>One reading thread at a time; {@link #close()} may come from any thread. A producer that writes garbage into
 * the counters (a tail going backwards, or more than the capacity ahead) makes every later call throw
 * {@link ProtocolException}.
 */
public final class RingSource implements Closeable {
    private final RingView ring;
    private final Parker parker;
    private final Doorbell doorbell;
    private long head;
    private long tailSeen;
    private volatile boolean closed;
    private String broken;

    RingSource(RingView ring, Doorbell doorbell, SpinPolicy spin) {
        this.ring = ring;
        this.doorbell = doorbell;
        this.parker = new Parker(ring.words, ring.word(RingDescriptor.CONSUMER_PARKED_OFFSET), doorbell, spin);
    }

    /** Bytes of the ring's data area. */
    public int capacity() {
        return ring.capacity;
    }

    /**
     * Reads up to {@code length} bytes into {@code dst} at {@code offset}, waiting until {@code deadline} (a
     * {@link Deadline}) while the ring is empty.
     *
     * @return the bytes read (at least 1), 0 when the deadline passed first (or {@code length} is 0), -1 when the
     *         stream ended (producer closed or gone) and everything published was read
     * @throws ClosedChannelException if this source is closed
     * @throws ProtocolException if the producer broke the ring's counters
     */
    public int read(byte[] dst, int offset, int length, long deadline) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        int n = awaitBytes(length, deadline);
        if (n > 0) {
            ring.copyOut(head, dst, offset, n);
            consume(n);
        }
        return n;
    }

    /** {@link #read(byte[], int, int, long)} into {@code dst}'s remaining space; its position advances. */
    public int read(ByteBuffer dst, long deadline) throws IOException {
        int n = awaitBytes(dst.remaining(), deadline);
        if (n > 0) {
            ring.copyOut(head, dst, n);
            consume(n);
        }
        return n;
    }

    /** Bytes readable now without waiting (a snapshot). */
    public int available() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        checkBroken();
        return (int) (tail() - head);
    }

    /**
     * Whether a read would not wait now: bytes are published, the producer closed, or its socket is at EOF.
     * Garbage counters count as input (the read then throws {@link ProtocolException}). False once closed.
     */
    public boolean hasInputOrEnd() {
        return !closed && (bytesOrNews() || doorbell.peerGone());
    }

    /**
     * For a waiter outside this class that blocks on {@link RingEnd#doorbellChannel()}: announces parking (the
     * producer rings after its next publication), reads stale doorbell bytes, and re-checks; returns true if input
     * is already here (then the caller does not block). Each call must be followed by {@link #stopWaiting()}.
     */
    public boolean startWaiting() throws IOException {
        parker.announce();
        return doorbell.drainIfIdle() || hasInputOrEnd();
    }

    /** Withdraws one {@link #startWaiting()}. */
    public void stopWaiting() {
        parker.withdraw();
    }

    /**
     * After the doorbell channel was selected: reads the doorbell bytes (so a stale byte does not select it again)
     * and returns whether input is here.
     */
    public boolean confirmInput() throws IOException {
        return doorbell.drainIfIdle() || hasInputOrEnd();
    }

    /** Tells the producer this end reads no more (its writes then fail) and wakes it if parked. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ring.words.releaseInt(ring.word(RingDescriptor.CONSUMER_CLOSED_OFFSET), 1);
        SharedWords.fullFence();
        if (ring.words.acquireInt(ring.word(RingDescriptor.PRODUCER_PARKED_OFFSET)) != 0) {
            doorbell.ring();
        }
    }

    /** How many bytes to copy now (≤ length), 0 on timeout, -1 at end of stream. */
    private int awaitBytes(int length, long deadline) throws IOException {
        while (true) {
            if (closed) {
                throw new ClosedChannelException();
            }
            checkBroken();
            if (length == 0) {
                return 0;
            }
            long available = tail() - head;
            if (available > 0) {
                return (int) Math.min(available, length);
            }
            if (producerClosed() || doorbell.peerGone()) {
                if (tail() == head) {
                    return -1;
                }
                continue;
            }
            if (parker.await(this::bytesOrNews, deadline) == Doorbell.Wake.TIMEOUT) {
                return 0;
            }
        }
    }

    private boolean bytesOrNews() {
        return ring.words.acquireLong(ring.word(RingDescriptor.TAIL_OFFSET)) != head || producerClosed();
    }

    private boolean producerClosed() {
        return ring.words.acquireInt(ring.word(RingDescriptor.PRODUCER_CLOSED_OFFSET)) != 0;
    }

    private void consume(int n) {
        head += n;
        ring.words.releaseLong(ring.word(RingDescriptor.HEAD_OFFSET), head);
        SharedWords.fullFence();
        if (ring.words.acquireInt(ring.word(RingDescriptor.PRODUCER_PARKED_OFFSET)) != 0) {
            doorbell.ring();
        }
    }

    /** Reads the producer's counter, checking it never goes backwards nor runs more than the capacity ahead. */
    private long tail() throws ProtocolException {
        long tail = ring.words.acquireLong(ring.word(RingDescriptor.TAIL_OFFSET));
        if (tail < tailSeen) {
            broken = "tail went backwards from " + tailSeen + " to " + tail;
            throw ring.corrupt(broken);
        }
        if (tail - head > ring.capacity) {
            broken = "tail " + tail + " is " + (tail - head) + " bytes ahead of head " + head + ", more than the"
                    + " capacity " + ring.capacity;
            throw ring.corrupt(broken);
        }
        tailSeen = tail;
        return tail;
    }

    private void checkBroken() throws ProtocolException {
        if (broken != null) {
            throw ring.corrupt(broken);
        }
    }
}
