package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.queue.internal.FramePool;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A message the owner holds: the first {@link #length} bytes of {@link #array}. A large item (at least
 * {@link FramePool#MIN_POOLED} bytes) lives in an array of the queue's {@link FramePool}, which goes back to the
 * pool when the last hold on it is released: the queue's own hold (the item is queued, in flight, waiting to be
 * admitted, or a task not yet done: released when it leaves the queue for good), plus one per {@link Outbox} that
 * still has to write it (released once written or dropped). A requeued or taken-back item keeps the queue's hold,
 * so its array is never reused while any part of the owner may still read it. Other messages are not pooled and
 * their holds cost nothing.
 */
final class FrameLease {
    private static final AtomicIntegerFieldUpdater<FrameLease> HOLDS =
            AtomicIntegerFieldUpdater.newUpdater(FrameLease.class, "holds");

    final byte[] array;
    final int length;
    private final FramePool pool;
    private volatile int holds = 1;

    private FrameLease(byte[] array, int length, FramePool pool) {
        this.array = array;
        this.length = length;
        this.pool = pool;
    }

    /** A message that is not pooled: all of {@code message}. */
    static FrameLease of(byte[] message) {
        return new FrameLease(message, message.length, null);
    }

    /**
     * The first {@code length} bytes of {@code array}, with one hold: pooled in {@code pool} if {@code length} is at
     * least {@link FramePool#MIN_POOLED}, else {@code array} must be exactly {@code length} bytes.
     */
    static FrameLease of(byte[] array, int length, FramePool pool) {
        if (length < FramePool.MIN_POOLED) {
            if (array.length != length) {
                throw new IllegalArgumentException("an unpooled message of " + length + " bytes in an array of "
                        + array.length);
            }
            return of(array);
        }
        return new FrameLease(array, length, pool);
    }

    /** One more hold: an outbox is to write this message. */
    void hold() {
        if (pool != null) {
            HOLDS.incrementAndGet(this);
        }
    }

    /** Ends one hold; after the last one the array goes back to the pool and nothing may touch it. */
    void release() {
        if (pool == null) {
            return;
        }
        int left = HOLDS.decrementAndGet(this);
        if (left == 0) {
            pool.giveBack(array);
        } else if (left < 0) {
            throw new IllegalStateException("a pooled message of " + length + " bytes was released "
                    + (1 - left) + " more times than it was held");
        }
    }

    /** Whether this message's array is pooled (for tests). */
    boolean pooled() {
        return pool != null;
    }
}
