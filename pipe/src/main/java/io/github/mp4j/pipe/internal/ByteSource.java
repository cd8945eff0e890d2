package io.github.mp4j.pipe.internal;

import java.io.IOException;

/**
 * Where a {@link FrameReader} gets the bytes of a frame stream: a socket ({@link SocketBytes}) or, for the
 * same-host fast path, a shared-memory byte ring carrying the very same stream. Only one thread reads at a time
 * (the connection's read lock); closing it (the implementation's {@code close()}) may come from any thread and
 * wakes a reader that waits.
 */
public interface ByteSource {
    /**
     * Moves available bytes into {@code dst} (from its position, at most its remaining bytes), waiting for some
     * until {@code deadline} ({@link Deadline#NONE} for ever; a passed deadline means one attempt without waiting).
     *
     * @return the number of bytes moved (at least 1), 0 when the deadline passed before any came, -1 at the end of
     *     the stream
     * @throws java.io.InterruptedIOException if the thread is interrupted while waiting; nothing was moved and the
     *     interrupt status is kept
     * @throws io.github.mp4j.ConnectionClosedException if the source was closed before or during the wait
     */
    int read(java.nio.ByteBuffer dst, long deadline) throws IOException;

    /**
     * Bytes readable now without waiting, a snapshot, or 0 where the source cannot tell cheaply (a socket). A frame
     * reader sizes a payload array by it, so a payload that has fully arrived is received without growing.
     */
    default int available() throws IOException {
        return 0;
    }

    /** Whether {@link #read(byte[], int, int, long)} copies straight into an array (no intermediate buffer). */
    default boolean readsArrays() {
        return false;
    }

    /**
     * As {@link #read(java.nio.ByteBuffer, long)}, into {@code dst[off, off + len)}; only where
     * {@link #readsArrays()} is true.
     *
     * @throws UnsupportedOperationException where {@link #readsArrays()} is false
     */
    default int read(byte[] dst, int off, int len, long deadline) throws IOException {
        throw new UnsupportedOperationException("this source reads through a buffer: " + this);
    }
}
