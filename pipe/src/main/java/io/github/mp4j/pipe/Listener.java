package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.internal.AuthenticatingAcceptor;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.SocketAddresses;
import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Accepts connections on a Unix socket path or a TCP {@code host:port}: Python's
 * {@code multiprocessing.connection.Listener}. With an authkey, every accepted connection must pass CPython's
 * challenge/response (so a CPython {@code Client} can connect); TCP listeners require one.
 *
 * <p>Handshakes never hold up {@link #accept()}: from {@code bind} on, a background thread takes each incoming
 * socket at once (so a client's handshake can finish before {@code accept()} is called) and runs
 * its handshake on a thread of its own, under the options' {@link ConnectionOptions#handshakeTimeout()} (default
 * 10 s); at most {@link #MAX_PENDING_HANDSHAKES} run at a time (when one more arrives, the oldest is dropped).
 * {@code accept()} returns the first connection that authenticated. Unlike CPython, a peer that fails the
 * handshake (wrong key, garbage, silence) is not reported by {@code accept()}: that peer gets
 * {@link io.github.mp4j.AuthenticationException} or a closed socket, the failure is logged, and {@code accept()}
 * goes on waiting for a peer that authenticates. Running out of file descriptors makes the listener back off and
 * retry (10 ms doubling to 1 s) until descriptors free up; it is never fatal.
 *
 * <p>A Unix socket file is created with mode 0600 and removed by {@link #close()} (or at JVM exit). A bare name
 * without {@code '/'} or {@code ':'} (such as {@code "relname.sock"}) is a Unix socket relative to the current
 * directory, as in CPython. TCP binds the loopback address for {@code localhost:port} or {@code :port}; any other
 * host is bound as given.
 */
public final class Listener implements AutoCloseable {
    /** At most this many authkey handshakes run at once; one more drops the oldest. */
    public static final int MAX_PENDING_HANDSHAKES = AuthenticatingAcceptor.DEFAULT_MAX_PENDING;

    private final AuthenticatingAcceptor acceptor;
    private final ConnectionOptions options;
    private final String address;
    private final Path socketFile;
    private volatile boolean closed;

    private Listener(AuthenticatingAcceptor acceptor, ConnectionOptions options, String address, Path socketFile) {
        this.acceptor = acceptor;
        this.options = options;
        this.address = address;
        this.socketFile = socketFile;
    }

    /**
     * Binds {@code address} with this authkey and otherwise default options: CPython's
     * {@code Listener(address, authkey=authkey)}. A null or empty authkey means no authentication (allowed for Unix
     * sockets only), so {@code Listener.bind(path, null)} works as {@code Listener(path, authkey=None)} does.
     *
     * @see #bind(ConnectionOptions, String)
     */
    public static Listener bind(String address, byte[] authkey) throws IOException {
        return bind(ConnectionOptions.builder().authkey(authkey).build(), address);
    }

    /**
     * Binds {@code address} with these options: a path (containing {@code '/'}, or a bare name without {@code ':'},
     * relative to the current directory) for a Unix socket, {@code host:port} for TCP ({@code localhost:0} picks a
     * free port; see {@link #address()}). The options come first so that {@code bind(address, null)} is the
     * authkey form without ambiguity.
     *
     * @throws BindException naming the address if it is in use
     * @throws IllegalArgumentException if the address is malformed, or it is TCP and the options have no authkey
     * @throws IOException if the socket cannot be created
     */
    public static Listener bind(ConnectionOptions options, String address) throws IOException {
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
            String bound = SocketAddresses.format(server.getLocalAddress());
            AuthenticatingAcceptor acceptor = new AuthenticatingAcceptor(server, options, bound,
                    MAX_PENDING_HANDSHAKES);
            acceptor.start();
            return new Listener(acceptor, options, bound, file);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (file != null) {
                SocketFiles.remove(file);
            }
            throw e;
        }
    }

    /**
     * Waits for the next connection that authenticated (with an authkey: passed the challenge in both directions;
     * without one: connected). Peers that fail their handshake are closed and logged, not reported here.
     *
     * @throws InterruptedIOException if the thread is interrupted while waiting (interrupt status kept; the
     *     listener stays open)
     * @throws ConnectionClosedException if the listener is or gets closed
     */
    public Connection accept() throws IOException {
        return acceptor.accept(Deadline.NONE);
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
     * Stops listening, wakes threads blocked in {@link #accept()} (they get {@link ConnectionClosedException}),
     * closes handshakes in progress and authenticated connections not yet accepted, and removes the Unix socket
     * file. Idempotent; accepted connections stay open.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            acceptor.close();
        } finally {
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
