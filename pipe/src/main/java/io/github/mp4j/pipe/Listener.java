package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.internal.Handshake;
import io.github.mp4j.pipe.internal.SocketAddresses;
import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Accepts connections on a Unix socket path or a TCP {@code host:port}: Python's
 * {@code multiprocessing.connection.Listener}. With an authkey, every accepted connection must pass CPython's
 * challenge/response (so a CPython {@code Client} can connect); TCP listeners require one.
 *
 * <p>A Unix socket file is created with mode 0600 and removed by {@link #close()} (or at JVM exit). TCP binds the
 * loopback address for {@code localhost:port} or {@code :port}; any other host is bound as given.
 */
public final class Listener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ConnectionOptions options;
    private final String address;
    private final Path socketFile;
    private volatile boolean closed;

    private Listener(ServerSocketChannel server, Selector selector, ConnectionOptions options, String address,
                     Path socketFile) {
        this.server = server;
        this.selector = selector;
        this.options = options;
        this.address = address;
        this.socketFile = socketFile;
    }

    /**
     * Binds {@code address} with this authkey (null: no authentication) and otherwise default options.
     *
     * @see #bind(String, ConnectionOptions)
     */
    public static Listener bind(String address, byte[] authkey) throws IOException {
        return bind(address, ConnectionOptions.builder().authkey(authkey).build());
    }

    /**
     * Binds {@code address}: a path (containing {@code '/'}) for a Unix socket, {@code host:port} for TCP
     * ({@code localhost:0} picks a free port; see {@link #address()}).
     *
     * @throws BindException naming the address if it is in use
     * @throws IllegalArgumentException if the address is malformed, or it is TCP and the options have no authkey
     * @throws IOException if the socket cannot be created
     */
    public static Listener bind(String address, ConnectionOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        SocketAddress target = SocketAddresses.parse(address);
        boolean unix = target instanceof UnixDomainSocketAddress;
        if (!unix && !options.hasAuthkey()) {
            throw new IllegalArgumentException("a TCP listener requires an authkey (address '" + address
                    + "'); set ConnectionOptions.builder().authkey(...)");
        }
        ServerSocketChannel server = ServerSocketChannel.open(unix ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) target).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        Path file = null;
        try {
            try {
                server.bind(target);
            } catch (BindException e) {
                BindException named = new BindException("cannot bind " + address + ": " + e.getMessage()
                        + (unix ? " (remove the stale socket file if no process listens there)" : ""));
                named.initCause(e);
                throw named;
            }
            if (unix) {
                file = ((UnixDomainSocketAddress) target).getPath();
                SocketFiles.adopt(file);
            }
            server.configureBlocking(false);
            Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new Listener(server, selector, options, SocketAddresses.format(server.getLocalAddress()), file);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (file != null) {
                SocketFiles.remove(file);
            }
            throw e;
        }
    }

    /**
     * Waits for the next connection and, with an authkey, authenticates it (listener side: deliver the
     * challenge, then answer the peer's).
     *
     * @throws io.github.mp4j.AuthenticationException if the peer fails the handshake: a wrong or malformed
     *     response, or no answer within the handshake timeout (that connection is closed; the listener stays open)
     * @throws IOException {@code "bad message length"} if a handshake frame exceeds 256 bytes, as in CPython;
     *     {@link io.github.mp4j.ProtocolException} (or its subclasses {@link io.github.mp4j.FrameTooLargeException},
     *     {@link io.github.mp4j.TruncatedFrameException}) for a malformed, oversized or cut frame;
     *     {@link java.io.EOFException} if the peer closes first. Each closes that connection only; the listener
     *     stays open
     * @throws InterruptedIOException if the thread is interrupted while waiting (interrupt status kept; the
     *     listener stays open)
     * @throws ConnectionClosedException if the listener is or gets closed
     */
    public Connection accept() throws IOException {
        return Handshake.establish(acceptChannel(), options, true);
    }

    private SocketChannel acceptChannel() throws IOException {
        try {
            for (;;) {
                if (closed) {
                    throw new ConnectionClosedException("listener " + address + " is closed");
                }
                SocketChannel ch = server.accept();
                if (ch != null) {
                    return ch;
                }
                synchronized (selector) {
                    selector.select();
                    selector.selectedKeys().clear();
                }
                if (Thread.currentThread().isInterrupted() && !closed) {
                    throw new InterruptedIOException("interrupted while waiting to accept on " + address);
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new ConnectionClosedException("listener " + address + " is closed");
        }
    }

    /** The bound address: the socket path, or {@code host:port} with the real port. */
    public String address() {
        return address;
    }

    /** The options accepted connections get. */
    public ConnectionOptions options() {
        return options;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops listening, wakes a thread blocked in {@link #accept()} (it gets {@link ConnectionClosedException})
     * and removes the Unix socket file. Idempotent; accepted connections stay open.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        selector.wakeup();
        try {
            server.close();
        } finally {
            selector.close();
            if (socketFile != null) {
                SocketFiles.remove(socketFile);
            }
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address + (closed ? ", closed" : "") + "]";
    }
}
