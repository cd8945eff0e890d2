package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.internal.Uninterruptibles;
import io.github.mp4j.pipe.internal.FrameBuffer;
import io.github.mp4j.queue.internal.Queues;
import io.github.mp4j.queue.internal.Wire;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages the owner has decided to send to one attached process and not yet written: the owner's outbound
 * queue for one session. The queue keeps one list of the outboxes that received messages while its lock was held;
 * {@link #unlockAndWake} and {@link #unlockAndFlush} release the lock and send them.
 *
 * <p><b>Thread contract.</b> {@link #addLocked} and {@link #endLocked} are called with the queue's lock held, by
 * any thread; they never touch the socket. {@link #flush()} and {@link #wake()} are called without the lock:
 * {@code flush} writes what is queued, in order, on the calling thread unless another thread is already writing
 * (then it returns at once and that thread writes it too), so frames never interleave and the lock is never held
 * during socket I/O. Session threads flush what their own message caused; the owner's own puts and gets and the
 * idle checks {@link #wake()} this outbox's writer thread instead (started on first use by
 * {@link #ensureWriterLocked()}), which unparks it only if it parks, so a busy writer is never woken again. All
 * fields but the connection and the writer's flag are guarded by the queue's lock; {@link #run} and {@link #batch}
 * belong to the thread that set {@link #writing}.
 *
 * <p><b>Batching.</b> Whoever writes takes everything queued at that moment: runs of small messages (items up to
 * {@link Wire#MAX_BATCHED_MESSAGE} bytes, replies, credits) go out as one {@link Wire#BATCH} frame of up to
 * {@link Wire#MAX_BATCH_BYTES}, one write and one read for the run. Before it parks, the writer yields the
 * processor a few times and looks again: a producer putting in a loop then finds it awake (no unpark) and its
 * items, queued meanwhile, travel together instead of one frame each.
 */
final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());
    /** Times the writer yields and looks for new messages before it parks. */
    private static final int YIELDS_BEFORE_PARK = 4;

    private static final Outbox[] NONE = new Outbox[0];

    private final ReentrantLock lock;
    /** The queue's outboxes that received messages since its lock was taken; shared by all its outboxes. */
    private final ArrayDeque<Outbox> pending;
    private final Connection connection;
    private final String describe;
    private final ArrayDeque<FrameLease> queued = new ArrayDeque<>();
    /** Whether {@link #pending} lists this outbox since the lock was taken. */
    private boolean scheduled;
    /** The writer thread, started on first use (lock held). */
    private Thread writer;
    /** Whether the writer thread runs or was unparked; false only while it parks or is about to. */
    private final AtomicBoolean writerAwake = new AtomicBoolean(true);
    private boolean writing;
    private boolean ended;
    /** Set when a message is queued, cleared when the writer takes a run: read without the lock by the writer. */
    private volatile boolean fresh;
    /** Set by the writing thread when a write failed; read only by writing threads (handed over via the lock). */
    private boolean writeFailed;

    private final ArrayList<FrameLease> run = new ArrayList<>();
    private final FrameBuffer batch = new FrameBuffer(Wire.HEADER);

    /**
     * @param pending the queue's list of outboxes that received messages under its lock, the one passed to
     *     {@link #unlockAndWake} and {@link #unlockAndFlush}
     * @param describe {@code "<queue> to <peer>"}, for the writer thread's name and log lines
     */
    Outbox(ReentrantLock lock, ArrayDeque<Outbox> pending, Connection connection, String describe) {
        this.lock = lock;
        this.pending = pending;
        this.connection = connection;
        this.describe = describe;
    }

    /**
     * Queues a message (lock held), with a hold on it that is released once it is written; dropped once the session
     * has ended.
     */
    void addLocked(FrameLease message) {
        if (ended) {
            return;
        }
        message.hold();
        queued.addLast(message);
        fresh = true;
        if (!scheduled) {
            scheduled = true;
            pending.addLast(this);
        }
    }

    /** Marks the session ended, drops unsent messages and stops the writer thread (lock held). */
    void endLocked() {
        ended = true;
        for (FrameLease m : queued) {
            m.release();
        }
        queued.clear();
        if (writer != null) {
            writerAwake.set(true);
            LockSupport.unpark(writer);
        }
    }

    /**
     * Releases {@code lock}, then wakes the writer threads of the outboxes in {@code pending} (those not already
     * awake), which it empties. For the owner's own operations and the idle checks, which never touch a socket.
     */
    static void unlockAndWake(ReentrantLock lock, ArrayDeque<Outbox> pending) {
        if (pending.isEmpty()) {
            lock.unlock();
            return;
        }
        if (pending.size() == 1) {
            Outbox only = pending.pollFirst();
            only.scheduled = false;
            only.ensureWriterLocked();
            lock.unlock();
            only.wake();
            return;
        }
        Outbox[] outboxes = takeAllLocked(pending);
        for (Outbox o : outboxes) {
            o.ensureWriterLocked();
        }
        lock.unlock();
        for (Outbox o : outboxes) {
            o.wake();
        }
    }

    /**
     * Releases {@code lock}, then writes on this thread the messages queued meanwhile in the outboxes of
     * {@code pending}, which it empties. For session threads.
     */
    static void unlockAndFlush(ReentrantLock lock, ArrayDeque<Outbox> pending) {
        if (pending.isEmpty()) {
            lock.unlock();
            return;
        }
        Outbox[] outboxes = takeAllLocked(pending);
        lock.unlock();
        for (Outbox o : outboxes) {
            o.flush();
        }
    }

    private static Outbox[] takeAllLocked(ArrayDeque<Outbox> pending) {
        Outbox[] outboxes = pending.toArray(NONE);
        pending.clear();
        for (Outbox o : outboxes) {
            o.scheduled = false;
        }
        return outboxes;
    }

    /** Starts the writer thread if there is none yet (lock held); then {@link #wake()} may be used. */
    private void ensureWriterLocked() {
        if (writer == null && !ended) {
            writer = DaemonThreads.start("mp4j-queue-writer " + describe, this::writeLoop);
        }
    }

    /**
     * Has the writer thread write the queued messages: unparks it unless it is already awake. Call without the
     * lock, after {@link #ensureWriterLocked()} and after queueing the messages.
     */
    void wake() {
        Thread w = writer;
        if (w != null && !writerAwake.get() && writerAwake.compareAndSet(false, true)) {
            LockSupport.unpark(w);
        }
    }

    private void writeLoop() {
        for (;;) {
            flush();
            for (int i = 0; i < YIELDS_BEFORE_PARK && !hasWorkUnlocked(); i++) {
                Thread.yield();
            }
            writerAwake.set(false);
            // Dekker with wake(): a message queued before this point is seen here, a later one unparks.
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

    /** Whether a message was queued since the last run was taken (no lock; only decides whether to yield again). */
    private boolean hasWorkUnlocked() {
        return fresh;
    }

    /** Null once the session ended; else whether messages are queued that no other thread is writing. */
    private Boolean nextForWriter() {
        lock.lock();
        try {
            return ended ? null : !queued.isEmpty() && !writing;
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
                write(run.get(0).array, run.get(0).length);
            } else {
                Wire.startBatch(batch);
                for (FrameLease m : run) {
                    Wire.addToBatch(batch, m.array, m.length);
                }
                write(batch.array(), batch.size());
            }
            for (FrameLease m : run) {
                m.release();
            }
            run.clear();
        }
    }

    /** Moves the next message, or the next run of small ones that fit one batch, to {@code run}. */
    private void takeRunLocked() {
        fresh = false;
        FrameLease first = queued.pollFirst();
        if (first == null) {
            return;
        }
        run.add(first);
        if (!Wire.batchable(first.length)) {
            return;
        }
        int bytes = first.length;
        for (FrameLease next = queued.peekFirst(); next != null && Wire.batchable(next.length)
                && bytes + next.length <= Wire.MAX_BATCH_BYTES; next = queued.peekFirst()) {
            run.add(queued.pollFirst());
            bytes += next.length;
        }
    }

    /**
     * Writes one frame, ignoring interruption (a half-written frame would break the connection). After a failed
     * write (the peer is gone) later frames are dropped, but the connection is left open for the session's reader:
     * acknowledgements the peer sent before it went are still to be read, and closing here would lose them (and
     * deliver those items twice).
     */
    private void write(byte[] message, int length) {
        if (writeFailed || connection.isClosed()) {
            return;
        }
        try {
            Uninterruptibles.run(() -> connection.sendBytes(message, 0, length));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: writing failed: {1}", describe, e.getMessage());
            writeFailed = true;
        }
    }
}
