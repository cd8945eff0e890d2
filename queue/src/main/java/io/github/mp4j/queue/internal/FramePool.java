package io.github.mp4j.queue.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.PayloadArrays;
import java.io.IOException;

/**
 * A few arrays kept for large queue messages so that a stream of large items reuses them instead of allocating
 * (and zeroing, and first touching) a new one per item: each queue owner and each attached process's link to it has
 * one. Only arrays of {@link #MIN_POOLED} bytes or more are kept, at most {@link #MAX_ARRAYS} of them and
 * {@link #MAX_BYTES} in all; small messages never touch the pool.
 *
 * <p>An array is in the pool or in exactly one user's hands: {@link #lend} removes it, {@link #giveBack} adds it
 * (the caller must not touch it afterwards). Only arrays that were filled by real items enter the pool, so memory
 * still follows the bytes received, never a length a peer declared. Thread-safe.
 */
public final class FramePool implements PayloadArrays {
    /** Messages below this size are not pooled (they are allocated in the thread's TLAB, cheaply). */
    public static final int MIN_POOLED = 64 * 1024;
    /** The most arrays kept. */
    static final int MAX_ARRAYS = 8;
    /** The most bytes kept in all. */
    static final long MAX_BYTES = 16L << 20;

    private final byte[][] free = new byte[MAX_ARRAYS][];
    private int count;
    private long bytes;
    private long reuses;

    /**
     * The smallest kept array of at least {@code length} bytes and at most twice that, removed from the pool; null if
     * there is none or {@code length} is below {@link #MIN_POOLED}.
     */
    @Override
    public synchronized byte[] lend(int length) {
        if (length < MIN_POOLED) {
            return null;
        }
        int best = -1;
        for (int i = 0; i < count; i++) {
            int n = free[i].length;
            if (n >= length && n / 2 <= length && (best < 0 || n < free[best].length)) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        reuses++;
        return removeAt(best);
    }

    /**
     * Takes {@code array} back (its user is done with it) if it is large enough to pool; when the pool is full it
     * replaces the smallest kept array if {@code array} is larger, so the pool follows the sizes of recent items.
     */
    public synchronized void giveBack(byte[] array) {
        if (array.length < MIN_POOLED || array.length > MAX_BYTES) {
            return;
        }
        if (count == MAX_ARRAYS) {
            int smallest = 0;
            for (int i = 1; i < count; i++) {
                if (free[i].length < free[smallest].length) {
                    smallest = i;
                }
            }
            if (free[smallest].length >= array.length) {
                return;
            }
            removeAt(smallest);
        }
        while (count > 0 && bytes + array.length > MAX_BYTES) {
            removeAt(0);
        }
        free[count++] = array;
        bytes += array.length;
    }

    /**
     * Receives the next frame of {@code c}, a large payload into an array lent from this pool
     * ({@link AbstractConnection#receiveLent}); the caller owns the array and may give it back.
     */
    public Received receive(Connection c) throws IOException {
        if (c instanceof AbstractConnection ac) {
            return ac.receiveLent(this);
        }
        byte[] f = c.recvBytes();
        return new Received(f, f.length);
    }

    /** How many times {@link #lend} returned an array, ever (for tests and diagnostics). */
    public synchronized long reuses() {
        return reuses;
    }

    /** How many arrays the pool holds now (for tests). */
    public synchronized int size() {
        return count;
    }

    private byte[] removeAt(int i) {
        byte[] a = free[i];
        free[i] = free[--count];
        free[count] = null;
        bytes -= a.length;
        return a;
    }
}
