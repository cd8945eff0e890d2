package io.github.mp4j.queue.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The owner's side of one attached process's connection to one queue: a reader thread handing each message to the
 * {@link OwnerQueue}, the items in flight to that process and the tasks it took, the {@link SessionPage} where that
 * process counts what it returned and finished, and an outbox of messages to it.
 *
 * <p>Messages to the process are queued under the queue's lock in the order they were decided and written by
 * whichever thread calls {@link #flush()} first (the others return at once), so frames never interleave and the
 * queue's lock is never held during socket I/O. Session threads flush what they caused themselves; the owner's
 * own put and get (and its idle checks) wake this session's writer thread instead ({@link #wakeWriter()}, after
 * releasing the lock, and only if it is parked), so they never touch a socket and a busy writer is never woken
 * again. Runs of small messages go out as one {@link Wire#BATCH} frame (one write, one read). All fields but the
 * connection are guarded by the queue's lock.
 */
final class OwnerSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(OwnerSession.class.getName());

    /** Items sent to this process that its page does not yet count as returned, oldest first. */
    final ArrayDeque<byte[]> inFlight = new ArrayDeque<>();
    /** Joinable queues: items this process returned from get and has not marked done, oldest first. */
    final ArrayDeque<byte[]> taken = new ArrayDeque<>();
    /** The counters this process keeps for the owner. */
    final SessionPage page;
    /** The page's {@code returned} count as last taken in. */
    long returnedSeen;
    /** The page's {@code done} count as last taken in. */
    long doneSeen;
    /** Set when the page held impossible counts: it is ignored from then on. */
    boolean pageBroken;
    /** How many of this process's credits wait in the queue's getters. */
    int creditsWaiting;
    /**
     * Whether the owner fenced this process's page and has not yet seen the process clear the fence: its credits
     * are then held in {@link #heldCredits} instead of being served, so no item goes to it while the page is fenced.
     */
    boolean fenced;
    /** Credits this process sent while {@link #fenced}; served once the owner sees the fence cleared. */
    int heldCredits;
    /** What this session's page last said as {@link SessionPage#drainWanted}. */
    boolean drainWanted;
    /** Whether the last idle check saw this session holding items while others waited. */
    boolean watched;
    /** {@link #returnedSeen} at that check. */
    long returnedAtCheck;
    /** Whether the queue has this session in its list of sessions to flush. */
    boolean scheduled;

    private final OwnerQueue queue;
    private final ReentrantLock lock;
    private final Connection connection;
    private final String peer;
    private final Path pagePath;
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    /** The writer thread, started on first use (lock held). */
    private Thread writer;
    /** Whether the writer thread runs or was unparked; false only while it parks or is about to. */
    private final AtomicBoolean writerAwake = new AtomicBoolean(true);
    private boolean writing;
    private boolean ended;
    /** Set by the writing thread when a write failed; read only by writing threads (handed over via the lock). */
    private boolean writeFailed;

    // used only by the thread that set writing
    private final ArrayList<byte[]> run = new ArrayList<>();
    private final BatchBuilder batch = new BatchBuilder();

    OwnerSession(OwnerQueue queue, Connection connection, String peer, SessionPage page, Path pagePath) {
        this.queue = queue;
        this.page = page;
        this.pagePath = pagePath;
        this.lock = queue.lock;
        this.connection = connection;
        this.peer = peer;
    }

    /** The attached process, {@code pid@host}, for messages. */
    String peer() {
        return peer;
    }

    /**
     * Sends the page's path, then reads and handles messages until the connection ends; then lets the queue reclaim
     * this session's items and deletes the page's name if the process never took it.
     */
    @Override
    public void run() {
        try {
            queue.sessionStarted(this);
            connection.sendBytes(Wire.textMessage(Wire.PAGE, 0, pagePath.toString()));
            for (;;) {
                queue.onMessage(this, connection.recvBytes());
            }
        } catch (TruncatedFrameException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} died mid-message ({2})", queue.describe(), peer,
                    e.toString());
        } catch (ProtocolException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, queue.describe() + ": connection from " + peer
                    + " broke the protocol and is closed: " + e.getMessage(), e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} detached ({2})", queue.describe(), peer, e.toString());
        } catch (InternalError e) {
            // A fault on the mapped session page (HotSpot raises it in the thread that touched the memory, possibly
            // a little later): end this session only.
            LOG.log(System.Logger.Level.WARNING, queue.describe() + ": the session of " + peer + " faulted on its"
                    + " session page " + pagePath + " (" + e + "); that session is closed, the queue serves the"
                    + " others", e);
        } catch (Error e) {
            LOG.log(System.Logger.Level.WARNING, queue.describe() + ": the session of " + peer + " failed and is"
                    + " closed: " + e, e);
        } finally {
            closeConnection();
            try {
                queue.sessionEnded(this);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, queue.describe() + ": reclaiming the items of " + peer
                        + " failed: " + e, e);
            }
            deletePageFile();
        }
    }

    private void deletePageFile() {
        try {
            Files.deleteIfExists(pagePath);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot delete the session page {1} of {2}: {3}",
                    queue.describe(), pagePath, peer, e.toString());
        }
    }

    /** Queues a message for this process (lock held); dropped once the session has ended. */
    void sendLocked(byte[] message) {
        if (ended) {
            return;
        }
        outbox.addLast(message);
        if (!scheduled) {
            scheduled = true;
            queue.markDirtyLocked(this);
        }
    }

    /** Marks the session ended, drops unsent messages and stops the writer thread (lock held). */
    void endLocked() {
        ended = true;
        outbox.clear();
        if (writer != null) {
            writerAwake.set(true);
            LockSupport.unpark(writer);
        }
    }

    /** Starts the writer thread if this session has none yet (lock held); then {@link #wakeWriter()} may be used. */
    void ensureWriterLocked() {
        if (writer == null && !ended) {
            writer = new Thread(this::writeLoop, "mp4j-queue-writer " + queue.describe() + " to " + peer);
            writer.setDaemon(true);
            writer.start();
        }
    }

    /**
     * Has the writer thread write the queued messages: unparks it unless it is already awake. Call without the
     * lock, after {@link #ensureWriterLocked()} and after queueing the messages.
     */
    void wakeWriter() {
        Thread w = writer;
        if (w != null && !writerAwake.get() && writerAwake.compareAndSet(false, true)) {
            LockSupport.unpark(w);
        }
    }

    private void writeLoop() {
        for (;;) {
            flush();
            writerAwake.set(false);
            // Dekker with wakeWriter(): a message queued before this point is seen here, a later one unparks.
            Boolean work = nextForWriter();
            if (work == null) {
                return;
            }
            if (!work) {
                LockSupport.park(this);
            }
            writerAwake.set(true);
        }
    }

    /** Null once the session ended; else whether the outbox holds messages that no other thread is writing. */
    private Boolean nextForWriter() {
        lock.lock();
        try {
            return ended ? null : !outbox.isEmpty() && !writing;
        } finally {
            lock.unlock();
        }
    }

    /** Writes queued messages in order, unless another thread is already doing so. Call without the lock. */
    void flush() {
        lock.lock();
        try {
            if (writing) {
                return;
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        for (;;) {
            lock.lock();
            try {
                takeRunLocked();
                if (run.isEmpty()) {
                    writing = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (run.size() == 1) {
                write(run.get(0), run.get(0).length);
            } else {
                batch.reset();
                for (byte[] m : run) {
                    batch.add(m);
                }
                write(batch.array(), batch.size());
            }
            run.clear();
        }
    }

    /** Moves the next message, or the next run of small ones that fit one batch, from the outbox to {@code run}. */
    private void takeRunLocked() {
        byte[] first = outbox.pollFirst();
        if (first == null) {
            return;
        }
        run.add(first);
        if (!BatchBuilder.batchable(first)) {
            return;
        }
        int bytes = first.length;
        for (byte[] next = outbox.peekFirst(); next != null && BatchBuilder.batchable(next)
                && bytes + next.length <= BatchBuilder.MAX_BATCH_BYTES; next = outbox.peekFirst()) {
            run.add(outbox.pollFirst());
            bytes += next.length;
        }
    }

    /**
     * Writes one frame. After a failed write (the peer is gone) later frames are dropped, but the connection is
     * left open for the reader thread: acknowledgements the peer sent before it went are still to be read, and
     * closing here would lose them (and deliver those items twice).
     */
    private void write(byte[] message, int length) {
        if (writeFailed || connection.isClosed()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            connection.sendBytes(message, 0, length);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: writing to {1} failed: {2}", queue.describe(), peer,
                    e.getMessage());
            writeFailed = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the connection from {0} failed: {1}", peer, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "OwnerSession[" + queue.describe() + ", peer " + peer + "]";
    }
}
