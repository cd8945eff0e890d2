package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.RingFiles;
import io.github.mp4j.pipe.internal.RingSetup;
import io.github.mp4j.pipe.internal.SocketConnection;
import io.github.mp4j.pipe.internal.SocketFiles;
import io.github.mp4j.pipe.internal.share.PipeEnd;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Two connected {@link Connection} ends in this process: Python's {@code multiprocessing.Pipe(duplex)}. A
 * duplex pipe's ends both send and receive; a simplex pipe's {@link #first()} end only receives and its
 * {@link #second()} end only sends (CPython's {@code r, w = Pipe(False)}).
 *
 * <p>The ends are a Unix-domain socket pair, made through a listener bound for a moment in the socket directory;
 * the connecting side proves it is ours with a random token, and the socket file is removed at once.
 *
 * <p>With {@link Transport#SHARED_MEMORY} the two ends talk through shared-memory rings instead
 * ({@link ConnectionOptions#transport()}); {@link Transport#AUTO} keeps the socket pair here, so an end handed to
 * a child before use can be moved onto the child's own socket.
 *
 * <p>Either end can be handed to another process by passing it as a {@code JvmProcess} argument or inside a
 * message (it is serializable): the other process attaches to this one on first use, and from then on the end
 * can only be used there. If the end was never used here and its peer is still here, the two processes then talk
 * over one socket directly; otherwise this process relays.
 */
public final class Pipe implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_LENGTH = 32;

    private final Connection first;
    private final Connection second;

    private Pipe(Connection first, Connection second) {
        this.first = first;
        this.second = second;
    }

    /** Opens a pipe with default options. */
    public static Pipe open(boolean duplex) throws IOException {
        return open(duplex, ConnectionOptions.defaults());
    }

    /**
     * Opens a pipe whose ends use {@code options} (serializer, type policy, frame limit, socket directory; the
     * authkey is not used: the ends authenticate each other with a one-time token).
     *
     * @throws IOException if the socket pair cannot be made
     */
    public static Pipe open(boolean duplex, ConnectionOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Path file = SocketFiles.newSocketPath(options.socketDirectory(), "pipe");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(file);
        byte[] token = new byte[TOKEN_LENGTH];
        RANDOM.nextBytes(token);
        SocketConnection connecting = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address, 1);
            SocketFiles.adopt(file);
            connecting = new SocketConnection(SocketChannel.open(address), options, duplex, true);
            connecting.sendBytes(token);
            AbstractConnection accepted = acceptOurs(server, options, duplex, token);
            AbstractConnection connected = connecting;
            if (options.transport() == Transport.SHARED_MEMORY) {
                connecting = null;
                AbstractConnection[] rings = RingSetup.local(accepted, connected,
                        RingFiles.directory(options.socketDirectory()));
                accepted = rings[0];
                connected = rings[1];
            }
            PipeEnd[] ends = PipeEnd.pair(accepted, connected, options);
            return new Pipe(ends[0], ends[1]);
        } catch (IOException | RuntimeException e) {
            if (connecting != null) {
                connecting.close();
            }
            throw e;
        } finally {
            SocketFiles.remove(file);
        }
    }

    /** Accepts until the peer that presents {@code token} shows up; strangers are closed. */
    private static SocketConnection acceptOurs(ServerSocketChannel server, ConnectionOptions options,
                                               boolean duplex, byte[] token) throws IOException {
        long deadline = Deadline.after(options.handshakeTimeout());
        for (;;) {
            SocketConnection accepted = new SocketConnection(server.accept(), options, true, duplex);
            try {
                byte[] presented = accepted.receiveBytes(TOKEN_LENGTH, deadline);
                if (MessageDigest.isEqual(presented, token)) {
                    return accepted;
                }
            } catch (SocketTimeoutException e) {
                accepted.close();
                throw new IOException("pipe setup: the connecting end did not present its token within "
                        + options.handshakeTimeout(), e);
            } catch (IOException e) {
                // A stranger that sent garbage or hung up: drop it and wait for our own end.
                accepted.close();
                continue;
            }
            accepted.close();
        }
    }

    /** The first end: duplex, or read-only in a simplex pipe. */
    public Connection first() {
        return first;
    }

    /** The second end: duplex, or write-only in a simplex pipe. */
    public Connection second() {
        return second;
    }

    /** Closes both ends. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }

    @Override
    public String toString() {
        return "Pipe[" + first + ", " + second + "]";
    }
}
