/*
 * Over 450 lines, knowingly: the read side (frame reader: buffer, EOF, payload growth, timed fills), the write side
 * (frame writer: direct buffer, partial writes under interruption) and the connection (locks, selectors, rewrap,
 * close) still share one class because rewrap() hands the read buffer and both selectors across under both locks.
 * Issue 13 splits it into FrameReader, FrameWriter and the connection, together with the abstract connection base
 * that the shared-memory transport (issue 14) plugs into; splitting it first would fix a seam that issue 14 moves.
 */
package io.github.mp4j.pipe.internal;

import io.github.mp4j.BufferTooShortException;
import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.jfr.FrameReceivedEvent;
import io.github.mp4j.pipe.internal.jfr.FrameSentEvent;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Connection} over a connected {@link SocketChannel} (Unix-domain or TCP), speaking CPython's
 * {@code multiprocessing.connection} frames.
 *
 * <p>The channel is kept non-blocking. Received bytes go into a 64 KiB buffer per connection; a thread waits on a
 * per-connection {@link Selector} only when no bytes are available, which is what makes {@link #poll(Duration)}
 * timeouts and waking on {@link #close()} possible. Frames that fit in the buffer are decoded in place (no copy
 * for {@link #recv()}); the rest of a larger frame is read through a direct buffer of up to 256 KiB straight into
 * its own array, which grows with the bytes that arrive (64 KiB first, then doubling up to the declared length), so
 * a header declaring a large frame does not allocate that frame before its bytes come. Sends hold a write lock, so frames of concurrent senders never interleave; header and payload
 * leave together through a direct buffer of up to 256 KiB, so a frame that fits takes one write. Both direct
 * buffers belong to the connection, grow with the frames seen up to that bound and are reused for every frame.
 * A Unix-domain socket that sends asks for a 1 MiB send buffer (with the usual kernel default, 208 KiB, the
 * sender waits for the receiver several times per megabyte).
 *
 * <p>Interruption: a thread interrupted while waiting for a frame that fits in the buffer (64 KiB) gets
 * {@link InterruptedIOException} with its interrupt status kept, nothing is consumed and the connection stays
 * usable. A thread interrupted while a larger frame is being copied out, or while a frame it started to send
 * waits for socket space, gets {@link InterruptedIOException} and the connection is closed, because a half-read
 * or half-written frame cannot be resumed. A thread that is already interrupted when it calls a blocking method
 * gets {@link InterruptedIOException} at once, as {@code java.util.concurrent} locks do.
 *
 * <p>A malformed header ({@link ProtocolException}), an oversized frame and the stream ending inside a frame
 * ({@link TruncatedFrameException}) close the connection. {@link #close()} wakes threads blocked in
 * {@code recv}/{@code poll}/{@code send} on this end; they get {@link ConnectionClosedException}.
 */
public final class SocketConnection implements Connection {
    private static final int READ_BUFFER = 64 * 1024;
    /** Sizes of the per-connection direct send and receive buffers: first allocation at least, and at most. */
    private static final int DIRECT_MIN = 8 * 1024;
    private static final int DIRECT_MAX = 256 * 1024;
    /**
     * Send buffer a sending Unix-domain socket asks for when its default is smaller (the kernel caps it at
     * {@code net.core.wmem_max}); TCP keeps the kernel's auto-tuning.
     */
    private static final int UNIX_SEND_BUFFER = 1024 * 1024;

    private final SocketChannel channel;
    private final ConnectionOptions options;
    private final TypePolicy policy;
    private final long maxFrameLength;
    private final boolean writable;
    private volatile boolean readable;
    private volatile boolean closed;

    private final ReentrantLock readLock = new ReentrantLock();
    private final ByteBuffer readBuf = ByteBuffer.allocate(READ_BUFFER).flip();
    private ByteBuffer recvBuf;
    private boolean eof;
    /** Guarded by the read lock; see {@link #handleRules}. */
    private HandleRules handleRules;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final FrameBuffer out = new FrameBuffer();
    private ByteBuffer sendBuf;

    private volatile Serializer serializer;
    private Selector readSelector;
    private Selector writeSelector;

    /**
     * Wraps a connected channel; switches it to non-blocking mode and, for TCP, disables Nagle's algorithm.
     *
     * @param connected a connected socket channel, owned by this connection from now on
     * @param options serializer, type policy and maximum frame length
     * @param readable whether this end may receive
     * @param writable whether this end may send
     * @throws IOException if the channel cannot be configured
     */
    public SocketConnection(SocketChannel connected, ConnectionOptions options, boolean readable, boolean writable)
            throws IOException {
        this.channel = Objects.requireNonNull(connected, "connected");
        this.options = Objects.requireNonNull(options, "options");
        if (!connected.isConnected()) {
            throw new IllegalArgumentException("channel is not connected: " + connected);
        }
        this.policy = options.typePolicy();
        this.maxFrameLength = options.maxFrameLength();
        this.readable = readable;
        this.writable = writable;
        connected.configureBlocking(false);
        if (connected.getLocalAddress() instanceof InetSocketAddress) {
            connected.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } else if (writable && connected.getOption(StandardSocketOptions.SO_SNDBUF) < UNIX_SEND_BUFFER) {
            connected.setOption(StandardSocketOptions.SO_SNDBUF, UNIX_SEND_BUFFER);
        }
    }

    /**
     * Hands the channel, with any bytes received but not yet delivered, to a new connection with other options
     * or directions. This object is then closed without closing the channel. Waits for threads sending or
     * receiving on this connection to finish.
     *
     * @throws ConnectionClosedException if this connection is already closed
     */
    public SocketConnection rewrap(ConnectionOptions newOptions, boolean newReadable, boolean newWritable)
            throws IOException {
        Objects.requireNonNull(newOptions, "newOptions");
        readLock.lock();
        writeLock.lock();
        try {
            Selector r;
            Selector w;
            synchronized (this) {
                if (closed) {
                    throw new ConnectionClosedException();
                }
                closed = true;
                r = readSelector;
                w = writeSelector;
                readSelector = null;
                writeSelector = null;
            }
            // Closing a selector deregisters the channel but leaves it open.
            if (r != null) {
                r.close();
            }
            if (w != null) {
                w.close();
            }
            SocketConnection next;
            try {
                next = new SocketConnection(channel, newOptions, newReadable, newWritable);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            next.readBuf.clear();
            next.readBuf.put(readBuf);
            next.readBuf.flip();
            next.eof = eof;
            return next;
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    /** The options this connection was made with. */
    public ConnectionOptions options() {
        return options;
    }

    /** The underlying channel (non-blocking); for registering with a selector, never for reading or writing. */
    public SocketChannel channel() {
        return channel;
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void send(Object obj) throws IOException {
        checkWritable();
        Serializer s = serializer();
        lockInterruptibly(writeLock, "send");
        try {
            out.reset();
            s.encode(obj, out, policy);
            writeFrame(out.array(), 0, out.payloadLength());
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            out.finish();
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
        lockInterruptibly(writeLock, "send");
        try {
            writeFrame(buf, offset, size);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes the header and the {@code size} payload bytes of {@code a} from {@code off} through the direct send
     * buffer: each byte is copied once into it, and every write offers the socket a full buffer, topped up after
     * a partial write, so the socket never waits for a copy and no byte is copied twice.
     */
    private void writeFrame(byte[] a, int off, int size) throws IOException {
        new FrameSentEvent().emit(this, channel, size);
        ByteBuffer b = sendBuffer(FrameCodec.SHORT_HEADER + size);
        b.clear();
        b.putInt(size);
        int pos = off;
        int end = off + size;
        boolean started = false;
        for (;;) {
            int n = Math.min(b.remaining(), end - pos);
            b.put(a, pos, n);
            pos += n;
            b.flip();
            if (channel.write(b) > 0) {
                started = true;
                if (b.hasRemaining()) {
                    // A partial write means the socket is full: wait instead of a write that would return 0.
                    awaitWritable(true);
                }
            } else {
                awaitWritable(started);
            }
            if (!b.hasRemaining()) {
                if (pos == end) {
                    return;
                }
                b.clear();
            } else if (b.position() > 0) {
                b.compact();
            } else {
                b.position(b.limit()).limit(b.capacity());
            }
        }
    }

    /** The direct send buffer, grown (up to {@link #DIRECT_MAX}) to hold {@code frameLength} bytes if it can. */
    private ByteBuffer sendBuffer(int frameLength) {
        ByteBuffer b = sendBuf;
        if (b == null || b.capacity() < frameLength && b.capacity() < DIRECT_MAX) {
            sendBuf = b = ByteBuffer.allocateDirect(directSize(frameLength));
        }
        return b;
    }

    private void awaitWritable(boolean frameStarted) throws IOException {
        awaitSelected(false, Deadline.NONE);
        if (Thread.currentThread().isInterrupted()) {
            if (frameStarted) {
                close();
                throw new InterruptedIOException("interrupted while sending a frame; the connection is closed"
                        + " because the frame was partly sent");
            }
            throw new InterruptedIOException("interrupted while waiting to send; nothing was sent");
        }
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public Object recv() throws IOException {
        checkReadable();
        Serializer s = serializer();
        lockInterruptibly(readLock, "receive");
        try {
            int len = (int) nextFrame(Deadline.NONE);
            if (len <= readBuf.remaining()) {
                int start = readBuf.position();
                readBuf.position(start + len);
                return handleRules(s).decode(s, readBuf.array(), readBuf.arrayOffset() + start, len);
            }
            byte[] payload = readPayload(len);
            return handleRules(s).decode(s, payload, 0, len);
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * The rules handles received here re-attach with: this connection's serializer, policy, largest frame, TCP
     * choice and socket directory (made on the first {@code recv()}; read lock held).
     */
    private HandleRules handleRules(Serializer s) {
        HandleRules r = handleRules;
        if (r == null || !r.serializerName().equals(s.name())) {
            handleRules = r = HandleRules.receiving(s.name(), policy, maxFrameLength, options.attachHandlesOverTcp(),
                    options::socketDirectory);
        }
        return r;
    }

    @Override
    public <T> T recv(Class<T> type) throws IOException {
        Objects.requireNonNull(type, "type");
        Object o = recv();
        Class<?> boxed = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
        if (o != null && !boxed.isInstance(o)) {
            throw new ClassCastException("received a " + o.getClass().getName() + " but expected a "
                    + type.getName());
        }
        @SuppressWarnings("unchecked")
        T t = (T) o;
        return t;
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
        lockInterruptibly(readLock, "receive");
        try {
            long len = nextFrame(deadline);
            if (len > maxLength) {
                badMessageLength();
            }
            return readPayload((int) len);
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
        Objects.requireNonNull(buf, "buf");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        if (offset > buf.length) {
            throw new IllegalArgumentException("offset too large");
        }
        lockInterruptibly(readLock, "receive");
        try {
            int len = (int) nextFrame(Deadline.NONE);
            int room = buf.length - offset;
            if (len > room) {
                throw new BufferTooShortException(readPayload(len), room);
            }
            readInto(buf, offset, len);
            return len;
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
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

    /**
     * Parses the next header (waiting for it) and returns the payload length with the buffer positioned at the
     * payload. A frame that fits in the buffer is waited for whole before its header is consumed, so a timeout or
     * interrupt leaves it unconsumed; a larger one returns as soon as its header is in.
     */
    private long nextFrame(long deadline) throws IOException {
        for (;;) {
            int start = readBuf.position();
            long len;
            try {
                len = FrameCodec.readLength(readBuf, maxFrameLength);
            } catch (ProtocolException e) {
                close();
                throw e;
            }
            if (len == FrameCodec.INCOMPLETE) {
                fill(FrameCodec.headerBytesNeeded(readBuf), deadline);
                continue;
            }
            int header = readBuf.position() - start;
            if (len <= readBuf.remaining() || header + len > readBuf.capacity()) {
                new FrameReceivedEvent().emit(this, channel, len);
                return len;
            }
            readBuf.position(start);
            fill(header + len, deadline);
        }
    }

    /** Reads more bytes into the buffer, waiting if none are available; {@code expected} is for error messages. */
    private void fill(long expected, long deadline) throws IOException {
        if (eof) {
            int have = readBuf.remaining();
            if (have == 0) {
                throw new EOFException("the peer closed the connection");
            }
            close();
            throw new TruncatedFrameException(expected, have);
        }
        readBuf.compact();
        try {
            for (;;) {
                int n = channel.read(readBuf);
                if (n > 0) {
                    return;
                }
                if (n < 0) {
                    eof = true;
                    return;
                }
                if (!awaitReadable(deadline)) {
                    throw new SocketTimeoutException("no frame arrived within the time allowed");
                }
            }
        } finally {
            readBuf.flip();
        }
    }

    /**
     * Moves the current frame's {@code len} payload bytes into {@code dst}: buffered ones, then the rest read
     * through the direct receive buffer, each read asking for as much of the frame as that buffer holds.
     */
    private void readInto(byte[] dst, int off, int len) throws IOException {
        int have = Math.min(len, readBuf.remaining());
        readBuf.get(dst, off, have);
        int pos = off + have;
        int end = off + len;
        while (pos < end) {
            pos = readSome(dst, pos, end, off, len);
        }
    }

    /**
     * The current frame's {@code len} payload bytes in a new array of exactly that length. The array grows with
     * the bytes that actually arrive ({@link PayloadGrowth}): a peer that declares a large frame and sends little
     * costs memory in proportion to what it sent, not to what it declared.
     */
    private byte[] readPayload(int len) throws IOException {
        int have = Math.min(len, readBuf.remaining());
        byte[] dst = new byte[PayloadGrowth.initial(len, have)];
        readBuf.get(dst, 0, have);
        int pos = have;
        while (pos < len) {
            if (pos == dst.length) {
                dst = Arrays.copyOf(dst, PayloadGrowth.next(dst.length, len));
            }
            pos = readSome(dst, pos, dst.length, 0, len);
        }
        return dst;
    }

    /**
     * Reads payload bytes of the current frame ({@code len} bytes, stored from {@code frameOff}) into
     * {@code dst[pos..end)} through the direct receive buffer, waiting if none are available; returns the new
     * position. The stream ending or an interrupt closes the connection (a frame cannot be resumed).
     */
    private int readSome(byte[] dst, int pos, int end, int frameOff, int len) throws IOException {
        ByteBuffer b = recvBuffer(end - pos);
        try {
            for (;;) {
                b.clear();
                b.limit(Math.min(b.capacity(), end - pos));
                int n = channel.read(b);
                if (n > 0) {
                    b.flip();
                    b.get(dst, pos, n);
                    return pos + n;
                } else if (n < 0) {
                    eof = true;
                    close();
                    int header = FrameCodec.headerLength(len);
                    throw new TruncatedFrameException(header + (long) len, header + (long) (pos - frameOff));
                } else {
                    awaitReadable(Deadline.NONE);
                }
            }
        } catch (InterruptedIOException e) {
            close();
            throw new InterruptedIOException("interrupted inside a frame of " + len + " bytes after "
                    + (pos - frameOff) + "; the connection is closed because the frame cannot be resumed");
        }
    }

    /** The direct receive buffer, grown (up to {@link #DIRECT_MAX}) towards {@code wanted} bytes. */
    private ByteBuffer recvBuffer(int wanted) {
        ByteBuffer b = recvBuf;
        if (b == null || b.capacity() < wanted && b.capacity() < DIRECT_MAX) {
            recvBuf = b = ByteBuffer.allocateDirect(directSize(wanted));
        }
        return b;
    }

    /** A direct buffer size for {@code wanted} bytes: a power of two between {@link #DIRECT_MIN} and the max. */
    private static int directSize(int wanted) {
        return Math.min(DIRECT_MAX, Math.max(DIRECT_MIN, Integer.highestOneBit(Math.max(1, wanted - 1)) << 1));
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
            if (readBuf.hasRemaining() || eof) {
                return true;
            }
            for (;;) {
                readBuf.compact();
                int n;
                try {
                    n = channel.read(readBuf);
                } finally {
                    readBuf.flip();
                }
                if (n != 0) {
                    eof = n < 0;
                    return true;
                }
                if (Deadline.remaining(deadline) <= 0 || !awaitReadable(deadline)) {
                    return false;
                }
            }
        } catch (ClosedChannelException e) {
            throw closedOr(e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Whether a frame or end of stream is already buffered, so a receive would not wait for the socket. False
     * when another thread is receiving.
     */
    public boolean hasBufferedInput() {
        if (!readLock.tryLock()) {
            return false;
        }
        try {
            return readBuf.hasRemaining() || eof;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Waits on the read selector until the socket is readable, the deadline passes (returns false), the
     * connection closes ({@link ConnectionClosedException}) or the thread is interrupted
     * ({@link InterruptedIOException}, interrupt status kept).
     */
    private boolean awaitReadable(long deadline) throws IOException {
        awaitSelected(true, deadline);
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting to receive; nothing was consumed");
        }
        return deadline == Deadline.NONE || Deadline.remaining(deadline) > 0;
    }

    /** One select on the read or write selector, up to {@code deadline}; the connection closing ends it. */
    private void awaitSelected(boolean read, long deadline) throws IOException {
        Selector sel = selector(read);
        try {
            sel.select(Deadline.selectMillis(deadline));
            sel.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new ConnectionClosedException();
        }
        if (closed) {
            throw new ConnectionClosedException();
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public void close() throws IOException {
        Selector r;
        Selector w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = readSelector;
            w = writeSelector;
        }
        if (r != null) {
            r.wakeup();
        }
        if (w != null) {
            w.wakeup();
        }
        try {
            channel.close();
        } finally {
            if (r != null) {
                r.close();
            }
            if (w != null) {
                w.close();
            }
        }
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

    @Override
    public String toString() {
        String remote;
        try {
            remote = String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            remote = "?";
        }
        return "SocketConnection[" + remote + (closed ? ", closed" : "") + (readable ? ", readable" : "")
                + (writable ? ", writable" : "") + "]";
    }

    private synchronized Selector selector(boolean read) throws IOException {
        if (closed) {
            throw new ConnectionClosedException();
        }
        Selector s = read ? readSelector : writeSelector;
        if (s == null) {
            s = Selector.open();
            channel.register(s, read ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
            if (read) {
                readSelector = s;
            } else {
                writeSelector = s;
            }
        }
        return s;
    }

    private Serializer serializer() {
        Serializer s = serializer;
        if (s == null) {
            serializer = s = options.serializer();
        }
        return s;
    }

    private void checkReadable() throws ConnectionClosedException {
        if (closed) {
            throw new ConnectionClosedException();
        }
        if (!readable) {
            throw new IllegalStateException("connection is write-only");
        }
    }

    private void checkWritable() throws ConnectionClosedException {
        if (closed) {
            throw new ConnectionClosedException();
        }
        if (!writable) {
            throw new IllegalStateException("connection is read-only");
        }
    }

    private IOException closedOr(ClosedChannelException e) {
        if (closed) {
            return new ConnectionClosedException();
        }
        return e;
    }

    private static void lockInterruptibly(ReentrantLock lock, String what) throws InterruptedIOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to " + what);
        }
    }
}
