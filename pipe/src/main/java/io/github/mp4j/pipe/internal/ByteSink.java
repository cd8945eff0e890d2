package io.github.mp4j.pipe.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a {@link FrameWriter} puts the bytes of a frame stream: a socket ({@link SocketBytes}) or a shared-memory
 * byte ring carrying the same stream. Only one thread writes at a time (the connection's write lock); closing the
 * connection from another thread wakes a writer that waits.
 */
public interface ByteSink {
    /**
     * Moves bytes from {@code src} (its position up to its limit) into the sink, waiting for room until
     * {@code deadline} ({@link Deadline#NONE} for ever). Bytes accepted have left the sender: they are in a place
     * that outlives it (a kernel buffer, a shared file).
     *
     * @return the number of bytes accepted (at least 1), or 0 when the deadline passed with no room
     * @throws java.io.InterruptedIOException if the thread is interrupted while waiting for room; nothing more was
     *     accepted and the interrupt status is kept
     * @throws io.github.mp4j.ConnectionClosedException if the sink was closed before or during the wait
     */
    int write(ByteBuffer src, long deadline) throws IOException;
}
