package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.DecodeException;
import io.github.mp4j.internal.LocalProcess;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.FrameBuffer;
import io.github.mp4j.queue.internal.FramePool;
import io.github.mp4j.queue.internal.ItemCodec;
import io.github.mp4j.queue.internal.QueueErrors;
import io.github.mp4j.queue.internal.owner.Waiters.LocalGetter;
import io.github.mp4j.queue.internal.owner.Waiters.PutWaiter;
import io.github.mp4j.queue.internal.share.QueueKind;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The owner process's own {@code put} and {@code get} of an {@link OwnerQueue}: the local side, beside
 * {@link OwnerProtocol} (what attached processes' messages do). A put encodes on the calling thread, then enters
 * the queue or waits for room as a {@link PutWaiter}; a get takes the head item or waits as a {@link LocalGetter},
 * then decodes on the calling thread. Both wait on a condition of their own, in the queue's arrival order with the
 * remote puts and credits, until the deadline, the queue's close, or an interrupt; an interrupt that comes after the
 * put or get completed keeps the result and restores the interrupt status.
 *
 * <p>Lock contract: encoding and decoding run outside the queue's lock; every move of an item or waiter runs under
 * it, and each section ends with {@link OwnerQueue#unlockAndWake()} (this thread never writes to a socket: session
 * writers send what the section queued). Leases ({@link FrameLease}): a put's frame is held by the queue once
 * accepted, and released here only when a waiting put gives up (closed, timed out, interrupted); a get releases its
 * frame once decoded (the decoded object never refers to the bytes it came from).
 */
final class LocalPutGet {
    private final OwnerQueue queue;
    private final ReentrantLock lock;
    private final OwnerState state;
    private final IdleFence fence;
    private final FramePool pool;
    private final ItemCodec codec;
    private final QueueKind kind;
    private final int maxsize;
    private final String name;

    /** The local side of {@code queue}, whose parts ({@link OwnerQueue#state}, fence, pool) exist already. */
    LocalPutGet(OwnerQueue queue, ItemCodec codec) {
        this.queue = queue;
        this.lock = queue.lock;
        this.state = queue.state;
        this.fence = queue.fence;
        this.pool = queue.pool;
        this.codec = codec;
        this.kind = queue.kind();
        this.maxsize = queue.maxsize();
        this.name = queue.describe();
    }

    /**
     * {@link OwnerQueue#put}: on a full bounded queue waits up to {@code nanos} (0: not at all, {@link Deadline#NONE}:
     * for ever).
     */
    void put(Object item, long nanos) throws InterruptedException {
        queue.checkOpen();
        FrameLease frame = encode(item);
        lock.lock();
        try {
            queue.checkOpen();
            if (state.hasRoomLocked()) {
                state.acceptLocked(frame);
                return;
            }
            if (nanos == 0) {
                throw QueueErrors.full(name, maxsize, 0);
            }
            PutWaiter w = new PutWaiter(frame, lock.newCondition(), null, 0);
            state.putWaiters.addLast(w);
            state.publishWantsLocked();
            awaitPut(w, nanos);
        } finally {
            queue.unlockAndWake();
        }
    }

    private void awaitPut(PutWaiter w, long nanos) throws InterruptedException {
        long deadline = Deadline.afterNanos(nanos);
        try {
            while (!w.done) {
                if (queue.isClosed()) {
                    giveUp(w);
                    throw QueueErrors.closed(name);
                }
                if (!Deadline.await(w.wakeup, deadline)) {
                    giveUp(w);
                    throw QueueErrors.full(name, maxsize, nanos);
                }
            }
        } catch (InterruptedException e) {
            if (w.done) {
                Thread.currentThread().interrupt();
                return;
            }
            giveUp(w);
            throw e;
        }
    }

    /** A waiting put of this process gives up: its item never enters the queue. */
    private void giveUp(PutWaiter w) {
        state.putWaiters.remove(w);
        w.frame.release();
    }

    /**
     * Encodes {@code item} into a message the queue can hold: a large one is copied from this thread's encode buffer
     * into a pooled array ({@link FramePool}), a small one into a new array of its size. When the pool is empty the
     * sessions' pages are read first: items consumers returned since the owner last looked give their arrays back.
     */
    private FrameLease encode(Object item) {
        FrameBuffer out = codec.encode(item);
        try {
            int n = out.size();
            if (n < FramePool.MIN_POOLED) {
                return FrameLease.of(out.toArray());
            }
            byte[] a = pool.lend(n);
            if (a == null) {
                lock.lock();
                try {
                    state.readAllPagesLocked();
                } finally {
                    queue.unlockAndWake();
                }
                a = pool.lend(n);
            }
            if (a == null) {
                a = new byte[n];
            }
            System.arraycopy(out.array(), 0, a, 0, n);
            return FrameLease.of(a, n, pool);
        } finally {
            codec.release(out);
        }
    }

    /**
     * {@link OwnerQueue#get}: waits up to {@code nanos} for an item (0: not at all, {@link Deadline#NONE}: for
     * ever).
     */
    Object get(long nanos) throws InterruptedException {
        queue.checkOpen();
        FrameLease frame;
        lock.lock();
        try {
            queue.checkOpen();
            frame = state.getWaiters.isEmpty() && !state.blockedLocked(null) ? state.items.pollFirst() : null;
            if (frame == null) {
                if (nanos == 0) {
                    throw QueueErrors.empty(name, 0);
                }
                LocalGetter g = new LocalGetter(lock.newCondition());
                state.getWaiters.addLast(g);
                if (state.inFlight > 0) {
                    fence.watchLocked();
                }
                frame = awaitGet(g, nanos);
            }
            state.admitPutsLocked();
        } finally {
            queue.unlockAndWake();
        }
        try {
            Object decoded = codec.decode(frame.array, 0, frame.length);
            frame.release(); // the decoded object never refers to the bytes it came from
            return decoded;
        } catch (DecodeException e) {
            lock.lock();
            try {
                if (kind == QueueKind.JOINABLE) {
                    state.readAllPagesLocked();
                    state.finishTasksLocked(Math.min(1, state.unfinished));
                }
                state.undecodableLocked(LocalProcess.id() + " (the owner)", QueueErrors.undecodable(e));
            } finally {
                queue.unlockAndWake();
            }
            throw e;
        }
    }

    private FrameLease awaitGet(LocalGetter g, long nanos) throws InterruptedException {
        long deadline = Deadline.afterNanos(nanos);
        try {
            while (g.item == null) {
                if (queue.isClosed()) {
                    state.getWaiters.remove(g);
                    throw QueueErrors.closed(name);
                }
                if (!Deadline.await(g.wakeup, deadline)) {
                    state.getWaiters.remove(g);
                    throw QueueErrors.empty(name, nanos);
                }
            }
            return g.item;
        } catch (InterruptedException e) {
            if (g.item != null) {
                Thread.currentThread().interrupt();
                return g.item;
            }
            state.getWaiters.remove(g);
            throw e;
        }
    }
}
