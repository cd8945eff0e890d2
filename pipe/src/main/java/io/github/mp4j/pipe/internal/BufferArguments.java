package io.github.mp4j.pipe.internal;

import java.util.Objects;

/**
 * The argument checks of {@link AbstractConnection}'s byte-array sends and receives, with CPython's messages
 * ({@code "offset is negative"}, {@code "buffer length < offset + size"}, ...): they run before any lock is taken.
 */
final class BufferArguments {
    private BufferArguments() {
    }

    /** {@code sendBytes(buf, offset, size)}: the slice must lie inside {@code buf}. */
    static void checkSlice(byte[] buf, int offset, int size) {
        Objects.requireNonNull(buf, "buf");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative");
        }
        if (buf.length < offset) {
            throw new IllegalArgumentException("buffer length < offset");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative");
        }
        if ((long) offset + size > buf.length) {
            throw new IllegalArgumentException("buffer length < offset + size");
        }
    }

    /** {@code recvBytesInto(buf, offset)}: the offset must lie inside {@code buf} (at its end is allowed). */
    static void checkOffset(byte[] buf, int offset) {
        Objects.requireNonNull(buf, "buf");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        if (offset > buf.length) {
            throw new IllegalArgumentException("offset too large");
        }
    }
}
