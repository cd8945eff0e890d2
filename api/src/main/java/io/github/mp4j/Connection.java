package io.github.mp4j;

import java.io.IOException;
import java.time.Duration;

/**
 * One end of a message channel between two processes: Python's {@code multiprocessing.connection.Connection}.
 *
 * <p>Every message is one frame on the wire: a 4-byte big-endian length and the payload, byte-for-byte what
 * CPython writes, so {@link #sendBytes(byte[])} and {@link #recvBytes()} interoperate with a Python peer.
 * {@link #send(Object)} encodes the object with the connection's {@link io.github.mp4j.spi.Serializer}
 * (Python's pickle role) and {@link #recv()} decodes it, checking the type against the {@link TypePolicy}
 * by name before any class is loaded.
 *
 * <p>Sending is thread-safe: two threads sending on one end never interleave their frames. Receiving is
 * thread-safe too: each frame goes to exactly one receiver. Blocking calls can be interrupted: the call then
 * throws {@link java.io.InterruptedIOException} with the thread's interrupt status kept. A receive interrupted
 * while waiting for a frame consumes nothing and the connection stays usable; an interrupt that strikes while a
 * large frame is half copied in, or half sent, closes the connection, because such a frame cannot be resumed.
 *
 * <p>{@link #close()} is idempotent. After the peer closes, frames already sent are still received; the next
 * receive then throws {@link java.io.EOFException}.
 */
public interface Connection extends AutoCloseable {

    /**
     * Encodes {@code obj} with this connection's serializer and sends it as one frame.
     *
     * @throws SerializationException if the value cannot be encoded; nothing is sent
     * @throws TypeNotAllowedException if this connection's {@link TypePolicy} refuses a type the value names
     *     (top-level or nested: what a peer with the same policy would refuse); nothing is sent
     * @throws ConnectionClosedException if this end is closed
     * @throws IllegalStateException if this end is read-only
     * @throws IOException if the peer is gone or the socket fails
     */
    void send(Object obj) throws IOException;

    /**
     * Receives one frame and decodes it. Blocks until a frame arrives.
     *
     * @throws java.io.EOFException if the peer closed the connection and nothing is left to receive
     * @throws DecodeException if the payload cannot be decoded (its subclasses {@link MissingTypeException} and
     *     {@link TypeNotAllowedException} say why); the frame is consumed and the connection stays usable
     */
    Object recv() throws IOException;

    /**
     * Receives one object and checks that it is a {@code type}.
     *
     * @throws ClassCastException if the decoded object is not a {@code type}; the frame is consumed
     */
    <T> T recv(Class<T> type) throws IOException;

    /** Sends the whole array as one frame. */
    void sendBytes(byte[] buf) throws IOException;

    /**
     * Sends {@code size} bytes of {@code buf} starting at {@code offset} as one frame, as CPython's
     * {@code send_bytes(buf, offset, size)}.
     *
     * @throws IllegalArgumentException {@code "offset is negative"}, {@code "buffer length < offset"},
     *     {@code "size is negative"} or {@code "buffer length < offset + size"}, CPython's wording
     */
    void sendBytes(byte[] buf, int offset, int size) throws IOException;

    /** Receives one frame's bytes. Blocks until a frame arrives. */
    byte[] recvBytes() throws IOException;

    /**
     * Receives one frame's bytes if it is no longer than {@code maxLength}.
     *
     * @throws java.io.IOException {@code "bad message length"} (CPython's wording) if the frame is longer; as in
     *     CPython the frame is not consumed and this end can no longer be read
     * @throws IllegalArgumentException if {@code maxLength < 0}: {@code "negative maxlength"}
     */
    byte[] recvBytes(int maxLength) throws IOException;

    /** Same as {@link #recvBytesInto(byte[], int) recvBytesInto(buf, 0)}. */
    int recvBytesInto(byte[] buf) throws IOException;

    /**
     * Receives one frame into {@code buf} at {@code offset} and returns its length.
     *
     * @throws BufferTooShortException if the frame does not fit; the frame is consumed and carried by the
     *     exception ({@link BufferTooShortException#message()})
     * @throws IllegalArgumentException if {@code offset} is negative or beyond {@code buf.length}
     */
    int recvBytesInto(byte[] buf, int offset) throws IOException;

    /** Whether a frame (or end of stream) can be received without blocking. Never consumes. */
    boolean poll() throws IOException;

    /**
     * Waits up to {@code timeout} until a frame can be received or the peer has closed; a negative timeout is
     * zero. Never consumes.
     */
    boolean poll(Duration timeout) throws IOException;

    /** Closes this end. Idempotent; frames already handed to the socket still reach the peer. */
    @Override
    void close() throws IOException;

    /** Whether {@link #close()} was called (or the end broke beyond use). */
    boolean isClosed();

    /** Whether this end can receive (false for the write-only end of a simplex pipe). */
    boolean isReadable();

    /** Whether this end can send (false for the read-only end of a simplex pipe). */
    boolean isWritable();
}
