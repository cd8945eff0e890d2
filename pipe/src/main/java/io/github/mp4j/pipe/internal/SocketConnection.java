package io.github.mp4j.pipe.internal;

import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.ConnectionOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A connection over a connected {@link SocketChannel} (Unix-domain or TCP), speaking CPython's
 * {@code multiprocessing.connection} frames: a {@link FrameReader} and a {@link FrameWriter} over the socket's
 * {@link SocketBytes}, with the locks, checks and codecs of {@link AbstractConnection}.
 *
 * <p>The channel is kept non-blocking; a thread waits on a per-connection selector only when no bytes (or no
 * room) are available, which is what makes {@link #poll(java.time.Duration)} timeouts and waking on
 * {@link #close()} possible. Frames that fit in the 64 KiB read buffer are decoded in place (no copy for
 * {@link #recv()}); larger ones are read into their own array, which grows with the bytes that arrive. A
 * Unix-domain socket that sends asks for a 1 MiB send buffer (with the usual kernel default, 208 KiB, the sender
 * waits for the receiver several times per megabyte).
 *
 * <p>Interruption: a thread interrupted while waiting for a frame that fits in the buffer (64 KiB) gets
 * {@link InterruptedIOException} with its interrupt status kept, nothing is consumed and the connection stays
 * usable. A thread interrupted while a larger frame is being copied out, or while a frame it started to send
 * waits for socket space, gets {@link InterruptedIOException} and the connection is closed, because a half-read
 * or half-written frame cannot be resumed.
 *
 * <p>A malformed header ({@link ProtocolException}), an oversized frame and the stream ending inside a frame
 * ({@link TruncatedFrameException}) close the connection.
 */
public final class SocketConnection extends FramedConnection {
    /**
     * Send buffer a sending Unix-domain socket asks for when its default is smaller (the kernel caps it at
     * {@code net.core.wmem_max}); TCP keeps the kernel's auto-tuning.
     */
    private static final int UNIX_SEND_BUFFER = 1024 * 1024;

    private final SocketChannel channel;
    private final SocketBytes bytes;

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
        super(options, readable, writable);
        this.channel = Objects.requireNonNull(connected, "connected");
        if (!connected.isConnected()) {
            throw new IllegalArgumentException("channel is not connected: " + connected);
        }
        connected.configureBlocking(false);
        if (connected.getLocalAddress() instanceof InetSocketAddress) {
            connected.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } else if (writable && connected.getOption(StandardSocketOptions.SO_SNDBUF) < UNIX_SEND_BUFFER) {
            connected.setOption(StandardSocketOptions.SO_SNDBUF, UNIX_SEND_BUFFER);
        }
        this.bytes = new SocketBytes(connected);
        framesOver(bytes, bytes, options);
    }

    @Override
    public SocketConnection rewrap(ConnectionOptions newOptions, boolean newReadable, boolean newWritable)
            throws IOException {
        Objects.requireNonNull(newOptions, "newOptions");
        readLock.lock();
        writeLock.lock();
        try {
            if (!markClosed()) {
                throw new ConnectionClosedException();
            }
            bytes.detach();
            SocketConnection next;
            try {
                next = new SocketConnection(channel, newOptions, newReadable, newWritable);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            next.takeOverBuffered(this);
            return next;
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    /**
     * Closes this connection without closing its socket, and returns the socket (non-blocking), for a transport
     * that takes it over (the shared-memory rings use it as doorbell). Bytes received but not delivered are
     * dropped: the caller switches only between two frames of a lock-step exchange. Waits for threads sending or
     * receiving here to finish.
     *
     * @throws ConnectionClosedException if this connection is already closed
     */
    public SocketChannel detachChannel() throws IOException {
        readLock.lock();
        writeLock.lock();
        try {
            if (!markClosed()) {
                throw new ConnectionClosedException();
            }
            bytes.detach();
            return channel;
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    /** The underlying channel (non-blocking); for registering with a selector, never for reading or writing. */
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public SelectableChannel selectableChannel() {
        return channel;
    }

    @Override
    public SocketChannel plainSocket() {
        return channel;
    }

    @Override
    public ByteSink rawSink() {
        return bytes;
    }

    @Override
    protected void closeTransport() throws IOException {
        bytes.close();
    }

    @Override
    public String transportName() {
        try {
            return channel.getRemoteAddress() instanceof UnixDomainSocketAddress ? "unix" : "tcp";
        } catch (IOException e) {
            return "closed";
        }
    }

    @Override
    protected String describePeer() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }
}
