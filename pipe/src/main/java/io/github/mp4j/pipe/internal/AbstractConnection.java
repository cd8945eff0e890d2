package io.github.mp4j.pipe.internal;

import io.github.mp4j.BufferTooShortException;
import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.jfr.FrameEvent;
import io.github.mp4j.pipe.internal.jfr.FrameEvents;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every mp4j connection does whatever carries its frames, in the role of CPython's
 * {@code multiprocessing.connection._ConnectionBase}: argument and state checks, the read and write locks,
 * encoding and decoding ({@link PayloadCodec}), the JFR frame events, and CPython's {@code "bad message length"}
 * rule. A transport implements only the frame moves below.
 *
 * <p>Locks: sends hold the write lock, so frames of concurrent senders never interleave; receives and polls hold
 * the read lock. A thread that is already interrupted when it calls a blocking method gets
 * {@link InterruptedIOException} at once, as {@code java.util.concurrent} locks do. {@link #close()} may come from
 * any thread: it runs {@link #closeTransport()} once, which wakes threads blocked in {@code recv}/{@code poll}/
 * {@code send} on this end; they get {@link ConnectionClosedException}.
 *
 * <p>Transport methods and their thread contracts:
 * <ul>
 *   <li>{@link #sendFrame} - write lock held;</li>
 *   <li>{@link #receiveHeader}, {@link #takeBuffered}, {@link #bufferedArray}, {@link #receivePayload},
 *       {@link #receivePayloadInto}, {@link #pollFrame}, {@link #bufferedInput} - read lock held;</li>
 *   <li>{@link #closeTransport} - any thread, once, possibly while other threads hold either lock;</li>
 *   <li>{@link #transportName} - any thread, no lock;</li>
 *   <li>the {@link WaitHooks} ({@link #selectableChannel}, {@link #readyNow} and the hooks around blocking) - any
 *       thread, no lock ({@link Waiting} calls them); a transport overrides the hooks whose socket defaults do not
 *       fit it.</li>
 * </ul>
 */
public abstract class AbstractConnection implements Connection, Waiting.Target, WaitHooks, FrameEvent.Described {
    private final ConnectionOptions options;
    private final boolean writable;
    private volatile boolean readable;
    private volatile boolean closed;
    /** {@link #eventLabel()}, made on first use. */
    private String eventLabel;

    /** Held by receives and polls; a transport's receive methods run under it. */
    protected final ReentrantLock readLock = new ReentrantLock();
    /** Held by sends; {@link #sendFrame} runs under it. */
    protected final ReentrantLock writeLock = new ReentrantLock();
    private final PayloadCodec codec;

    /**
     * @param options serializer, type policy and maximum frame length
     * @param readable whether this end may receive
     * @param writable whether this end may send
     */
    protected AbstractConnection(ConnectionOptions options, boolean readable, boolean writable) {
        this.options = Objects.requireNonNull(options, "options");
        this.codec = new PayloadCodec(options);
        this.readable = readable;
        this.writable = writable;
    }

    // ---------------------------------------------------------------- transport

    /**
     * Sends one frame: the header, then {@code len} payload bytes of {@code buf} from {@code off}. Returns once
     * the whole frame is where it outlives this process. Write lock held. Interrupted before any byte left:
     * {@link InterruptedIOException}, nothing sent; after: the connection is closed, then the same exception.
     */
    protected abstract void sendFrame(byte[] buf, int off, int len) throws IOException;

    /**
     * Waits until {@code deadline} for the next frame's header and returns its payload length, already checked
     * against {@link ConnectionOptions#maxFrameLength()} (nothing allocated for a longer one). Read lock held.
     *
     * @throws SocketTimeoutException if the deadline passes; nothing consumed
     * @throws java.io.EOFException if the peer ended the stream between frames
     */
    protected abstract long receiveHeader(long deadline) throws IOException;

    /**
     * Consumes the current frame's whole {@code len}-byte payload if it is all here already, and returns where it
     * starts in {@link #bufferedArray()} (for decoding in place); returns -1, consuming nothing, otherwise. Read lock
     * held.
     */
    protected abstract int takeBuffered(int len);

    /** The array {@link #takeBuffered} offsets point into; valid until the next receive. Read lock held. */
    protected abstract byte[] bufferedArray();

    /** The current frame's {@code len} payload bytes in a new array grown as they arrive. Read lock held. */
    protected abstract byte[] receivePayload(int len) throws IOException;

    /** The current frame's {@code len} payload bytes copied into {@code dst} from {@code off}. Read lock held. */
    protected abstract void receivePayloadInto(byte[] dst, int off, int len) throws IOException;

    /** Waits until {@code deadline} for a frame or the end of the stream; consumes nothing. Read lock held. */
    protected abstract boolean pollFrame(long deadline) throws IOException;

    /** Whether a frame's bytes or the end of the stream are known to be here without I/O. Read lock held. */
    protected abstract boolean bufferedInput();

    /**
     * Releases the transport and wakes every thread blocked in it (they get {@link ConnectionClosedException}).
     * Called once, from {@link #close()}, from any thread.
     */
    protected abstract void closeTransport() throws IOException;

    /**
     * Hands the transport, with any bytes received but not yet delivered, to a new connection with other options
     * or directions. This object is then closed without closing the transport. Waits for threads sending or
     * receiving on this connection to finish.
     *
     * @throws ConnectionClosedException if this connection is already closed
     */
    public abstract AbstractConnection rewrap(ConnectionOptions newOptions, boolean newReadable, boolean newWritable)
            throws IOException;

    /**
     * The socket when every byte of every frame travels over it as it is (so bytes can be forwarded raw between
     * two such connections), else null.
     */
    public SocketChannel plainSocket() {
        return null;
    }

    /**
     * Where this connection's outgoing frame stream goes, byte for byte (its socket or its shared-memory ring), so
     * a raw frame stream read elsewhere can be forwarded into it; null when the connection has no such sink. The
     * caller must be the only writer: nothing may be sent on this connection while it writes into the sink.
     */
    public ByteSink rawSink() {
        return null;
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void send(Object obj) throws IOException {
        checkWritable();
        Serializer s = codec.serializer();
        Uninterruptibles.lockForIo(writeLock, "send");
        try {
            FrameBuffer out = codec.encode(s, obj);
            frameOut(out.array(), 0, out.payloadLength());
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            codec.release();
            writeLock.unlock();
        }
    }

    @Override
    public void sendBytes(byte[] buf) throws IOException {
        sendBytes(buf, 0, buf.length);
    }

    @Override
    public void sendBytes(byte[] buf, int offset, int size) throws IOException {
        checkWritable();
        BufferArguments.checkSlice(buf, offset, size);
        Uninterruptibles.lockForIo(writeLock, "send");
        try {
            frameOut(buf, offset, size);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            writeLock.unlock();
        }
    }

    private void frameOut(byte[] buf, int off, int len) throws IOException {
        FrameEvents.sent(this, len);
        sendFrame(buf, off, len);
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public Object recv() throws IOException {
        checkReadable();
        Serializer s = codec.serializer();
        Uninterruptibles.lockForIo(readLock, "receive");
        try {
            int len = (int) frameIn(Deadline.NONE);
            int start = takeBuffered(len);
            if (start >= 0) {
                return codec.decode(s, bufferedArray(), start, len);
            }
            return codec.decode(s, receivePayload(len), 0, len);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public <T> T recv(Class<T> type) throws IOException {
        Objects.requireNonNull(type, "type");
        return PayloadCodec.cast(recv(), type);
    }

    @Override
    public byte[] recvBytes() throws IOException {
        return receiveBytes(Long.MAX_VALUE, Deadline.NONE);
    }

    @Override
    public byte[] recvBytes(int maxLength) throws IOException {
        if (maxLength < 0) {
            throw new IllegalArgumentException("negative maxlength");
        }
        return receiveBytes(maxLength, Deadline.NONE);
    }

    /**
     * Receives one frame of at most {@code maxLength} bytes, waiting until {@code deadline}
     * ({@link Deadline#NONE} for ever). Used by the handshake with a 256-byte cap.
     *
     * @throws SocketTimeoutException if the deadline passes first; nothing is consumed
     * @throws IOException {@code "bad message length"} if the frame is longer than {@code maxLength}
     */
    public byte[] receiveBytes(long maxLength, long deadline) throws IOException {
        checkReadable();
        Uninterruptibles.lockForIo(readLock, "receive");
        try {
            long len = frameIn(deadline);
            if (len > maxLength) {
                badMessageLength();
            }
            return receivePayload((int) len);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Receives one frame like {@link #recvBytes()}, but into an array {@code arrays} lends when it has one large
     * enough ({@link PayloadArrays#lend}); otherwise into a new array of exactly the payload's length, grown as its
     * bytes arrive. The caller owns the returned array either way and may give it back to its pool when done. A
     * failure inside the frame (truncated, interrupted) closes the connection as {@code recvBytes} does; the lent
     * array then holds part of the frame and is not returned.
     */
    public PayloadArrays.Received receiveLent(PayloadArrays arrays) throws IOException {
        checkReadable();
        Uninterruptibles.lockForIo(readLock, "receive");
        try {
            int len = (int) frameIn(Deadline.NONE);
            byte[] lent = arrays.lend(len);
            if (lent == null) {
                return new PayloadArrays.Received(receivePayload(len), len);
            }
            receivePayloadInto(lent, 0, len);
            return new PayloadArrays.Received(lent, len);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public int recvBytesInto(byte[] buf) throws IOException {
        return recvBytesInto(buf, 0);
    }

    @Override
    public int recvBytesInto(byte[] buf, int offset) throws IOException {
        checkReadable();
        BufferArguments.checkOffset(buf, offset);
        Uninterruptibles.lockForIo(readLock, "receive");
        try {
            int len = (int) frameIn(Deadline.NONE);
            int room = buf.length - offset;
            if (len > room) {
                throw new BufferTooShortException(receivePayload(len), room);
            }
            receivePayloadInto(buf, offset, len);
            return len;
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    private long frameIn(long deadline) throws IOException {
        long len = receiveHeader(deadline);
        FrameEvents.received(this, len);
        return len;
    }

    /** CPython's {@code _bad_message_length}: a duplex end stops being readable, a read-only end closes. */
    private void badMessageLength() throws IOException {
        if (writable) {
            readable = false;
        } else {
            close();
        }
        throw new IOException("bad message length");
    }

    // ---------------------------------------------------------------- polling

    @Override
    public boolean poll() throws IOException {
        return poll(Duration.ZERO);
    }

    @Override
    public boolean poll(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        checkReadable();
        long deadline = Deadline.after(timeout);
        try {
            if (!readLock.tryLock(Math.max(0, Deadline.remaining(deadline)), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to poll");
        }
        try {
            return pollFrame(deadline);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    /** This connection: what {@link Waiting} works on. */
    @Override
    public AbstractConnection waitingOn() {
        return this;
    }

    /** Whether {@link #bufferedInput()} says input is here, asked only when no other thread is receiving. */
    @Override
    public boolean readyNow() {
        if (!readLock.tryLock()) {
            return false;
        }
        try {
            return bufferedInput();
        } finally {
            readLock.unlock();
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public void close() throws IOException {
        if (markClosed()) {
            closeTransport();
        }
    }

    /** Marks this connection closed; false if it already was. For {@link #close()} and {@link #rewrap}. */
    protected final synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isReadable() {
        return readable;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    /** The options this connection was made with. */
    public ConnectionOptions options() {
        return options;
    }

    @Override
    public String eventLabel() {
        String label = eventLabel; // a race builds the same string twice: harmless
        if (label == null) {
            eventLabel = label = getClass().getSimpleName() + "[" + describePeer() + "]";
        }
        return label;
    }

    @Override
    public String toString() {
        String label = eventLabel();
        return label.substring(0, label.length() - 1) + (closed ? ", closed" : "") + (readable ? ", readable" : "")
                + (writable ? ", writable" : "") + "]";
    }

    /** The peer as {@link #toString()} names it. */
    protected abstract String describePeer();

    private void checkReadable() throws ConnectionClosedException {
        checkOpenFor(readable, "connection is write-only");
    }

    private void checkWritable() throws ConnectionClosedException {
        checkOpenFor(writable, "connection is read-only");
    }

    private void checkOpenFor(boolean allowed, String refusal) throws ConnectionClosedException {
        if (closed) {
            throw new ConnectionClosedException();
        }
        if (!allowed) {
            throw new IllegalStateException(refusal);
        }
    }

    private IOException closedOr(ClosedChannelException e) {
        return closed ? new ConnectionClosedException() : e;
    }
}
