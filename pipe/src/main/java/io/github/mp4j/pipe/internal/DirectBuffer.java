package io.github.mp4j.pipe.internal;

import java.nio.ByteBuffer;

/**
 * A direct buffer reused for every frame of one direction of a connection: it grows with the frames seen, in
 * powers of two from {@link #MIN} up to {@link #MAX}, and is never shrunk. Not thread-safe (one reader or one
 * writer at a time, under the connection's lock).
 */
final class DirectBuffer {
    /** Sizes of the buffer: first allocation at least, and at most. */
    static final int MIN = 8 * 1024;
    static final int MAX = 256 * 1024;

    private ByteBuffer buf;

    /** The buffer, first grown (up to {@link #MAX}) to hold {@code wanted} bytes if it can. */
    ByteBuffer sized(int wanted) {
        ByteBuffer b = buf;
        if (b == null || b.capacity() < wanted && b.capacity() < MAX) {
            buf = b = ByteBuffer.allocateDirect(
                    Math.min(MAX, Math.max(MIN, Integer.highestOneBit(Math.max(1, wanted - 1)) << 1)));
        }
        return b;
    }
}
