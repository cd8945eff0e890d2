package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.pipe.internal.Deadline;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The socket beside the rings, used as doorbell and liveness channel. A byte from the peer means "look at your
 * rings again"; end-of-stream means the peer is gone (closed, or its process died: the kernel closes its socket).
 *
 * <p>Both rings of an end share the socket, so its reader thread and its writer thread may wait at once. One of
 * them at a time selects on the socket; every byte or EOF it sees wakes all waiters, and each re-checks its own
 * condition, so a byte meant for the other role is never lost. The channel is switched to non-blocking mode.
 */
final class Doorbell implements Closeable {
    /** Why {@link #await} returned. */
    enum Wake {
        /** The caller's condition holds. */
        READY,
        /** The deadline passed first. */
        TIMEOUT,
        /** The peer's socket is at end-of-stream and the condition does not hold. */
        PEER_GONE
    }

    private static final System.Logger LOG = System.getLogger(Doorbell.class.getName());

    private final SocketChannel channel;
    private final Selector selector;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteBuffer drain = ByteBuffer.allocate(64);
    private boolean selecting;
    private boolean peerGone;
    private volatile boolean closed;

    Doorbell(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * Writes one doorbell byte without blocking. A full socket buffer drops it (the peer has unread bytes and so
     * will wake anyway); a peer that is gone is noticed by the next {@link #await}, so write errors are only logged.
     */
    void ring() {
        try {
            channel.write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "doorbell not rung, the peer is gone: " + e);
        }
    }

    /** The socket (non-blocking); for registering with another selector, never for reading or writing. */
    SocketChannel channel() {
        return channel;
    }

    /**
     * Reads the doorbell bytes waiting on the socket, unless a thread is selecting on it now (that thread reads
     * them), and returns whether the peer is gone. For a waiter outside this class (a selector over many
     * connections) that must not see the same stale byte again. Safe for the waiters here: a byte only says that
     * shared memory changed, and every waiter re-checks shared memory after announcing parking and before it
     * selects, under the lock held here.
     */
    boolean drainIfIdle() throws IOException {
        lock.lock();
        try {
            if (!selecting && !closed && !peerGone) {
                peerGone = drainAvailable() < 0;
                changed.signalAll();
            }
            return peerGone;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the socket was seen at end-of-stream. */
    boolean peerGone() {
        lock.lock();
        try {
            return peerGone;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until {@code ready} holds, the peer is gone, or {@code deadline} (a {@link Deadline}) passes.
     * {@code ready} is checked first, so a caller that announced parking re-checks its ring here before blocking.
     *
     * @throws InterruptedIOException when the thread is interrupted (its interrupt status stays set)
     * @throws AsynchronousCloseException when {@link #close()} ran during the wait
     */
    Wake await(BooleanSupplier ready, long deadline) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (ready.getAsBoolean()) {
                    return Wake.READY;
                }
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                if (peerGone) {
                    return Wake.PEER_GONE;
                }
                if (Deadline.passed(deadline)) {
                    return Wake.TIMEOUT;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on the ring doorbell");
                }
                if (selecting) {
                    waitForSelector(deadline);
                } else {
                    selectOnce(deadline);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void waitForSelector(long deadline) throws InterruptedIOException {
        try {
            Deadline.await(changed, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on the ring doorbell");
        }
    }

    /** Called with the lock held; releases it while selecting, then wakes every other waiter. */
    private void selectOnce(long deadline) throws IOException {
        selecting = true;
        lock.unlock();
        boolean eof = false;
        try {
            eof = drainOrSelect(deadline);
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        } finally {
            lock.lock();
            selecting = false;
            peerGone |= eof;
            changed.signalAll();
        }
    }

    /**
     * Selects once (returning at once when a byte, stale or new, or EOF is waiting) and reads what is there. Returns
     * whether EOF was seen. Two system calls in the usual case (the select, one read of the doorbell byte); the
     * caller re-checks its condition after, so a stale byte costs one more round of the loop, nothing else.
     */
    private boolean drainOrSelect(long deadline) throws IOException {
        selector.select(Deadline.selectMillis(deadline));
        selector.selectedKeys().clear();
        return drainAvailable() < 0;
    }

    /**
     * Reads every byte available: -1 at EOF, else how many bytes were read (0 = none there). A read that does not
     * fill the buffer means the socket is empty now, so no further read is made to hear it say so.
     */
    private int drainAvailable() throws IOException {
        int total = 0;
        while (true) {
            drain.clear();
            int n;
            try {
                n = channel.read(drain);
            } catch (IOException e) {
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                LOG.log(System.Logger.Level.DEBUG, () -> "doorbell socket failed, taking the peer as gone: " + e);
                return -1;
            }
            if (n < 0) {
                return -1;
            }
            total += n;
            if (n < drain.capacity()) {
                return total;
            }
        }
    }

    /** Closes the socket and the selector; a thread waiting in {@link #await} gets {@link AsynchronousCloseException}. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            selector.close();
        } finally {
            channel.close();
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
