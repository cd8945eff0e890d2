package io.github.mp4j.pipe.internal;

import io.github.mp4j.ConnectionClosedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The socket side of a {@link SocketConnection}: a non-blocking {@link SocketChannel} read and written as a
 * {@link ByteSource} and {@link ByteSink}. A thread that finds no bytes (or no room) waits on a per-direction
 * {@link Selector}, opened on first need, which is what makes timeouts and waking on {@link #close()} possible.
 *
 * <p>Thread contract: at most one reader (the connection's read lock) and one writer (its write lock) at a time;
 * {@link #close()} and {@link #detach()} may come from any thread and wake both.
 */
final class SocketBytes implements ByteSource, ByteSink {
    private final SocketChannel channel;
    private Selector readSelector;
    private Selector writeSelector;
    private volatile boolean closed;
    /** The last write was partial, so the socket is full: wait before the next write instead of trying one. */
    private boolean full;

    SocketBytes(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst, long deadline) throws IOException {
        for (;;) {
            int n = channel.read(dst);
            if (n != 0 || Deadline.passed(deadline)) {
                return n;
            }
            awaitSelected(true, deadline);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting to receive; nothing was consumed");
            }
        }
    }

    @Override
    public int write(ByteBuffer src, long deadline) throws IOException {
        for (;;) {
            if (!full) {
                int n = channel.write(src);
                if (n > 0) {
                    full = src.hasRemaining();
                    return n;
                }
            }
            full = false;
            if (Deadline.passed(deadline)) {
                return 0;
            }
            awaitSelected(false, deadline);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for socket space");
            }
        }
    }

    /** One select on the read or write selector, up to {@code deadline}; the socket closing ends it. */
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

    /** Closes the channel and wakes threads waiting on it; they get {@link ConnectionClosedException}. */
    void close() throws IOException {
        Selector[] selectors = stop();
        for (Selector s : selectors) {
            if (s != null) {
                s.wakeup();
            }
        }
        try {
            channel.close();
        } finally {
            closeAll(selectors);
        }
    }

    /**
     * Stops using the channel without closing it, so another {@code SocketBytes} can take it over: closing the
     * selectors deregisters the channel but leaves it open. The caller holds both connection locks.
     */
    void detach() throws IOException {
        closeAll(stop());
    }

    private synchronized Selector[] stop() {
        closed = true;
        Selector[] s = {readSelector, writeSelector};
        readSelector = null;
        writeSelector = null;
        return s;
    }

    private static void closeAll(Selector[] selectors) throws IOException {
        for (Selector s : selectors) {
            if (s != null) {
                s.close();
            }
        }
    }
}
