package io.github.mp4j.pipe.internal.share;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.pipe.internal.AuthenticatingAcceptor;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.pipe.internal.SocketConnection;
import io.github.mp4j.pipe.internal.SocketFiles;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-JVM server that hands exported pipe ends to the processes that attach them. Started on the first
 * export: a {@link Listener} on a Unix socket in the private socket directory, with a random authkey that only
 * the handles carry. Each attach names a one-time token; the end is then either spliced (the attaching socket
 * replaces the socket of the local peer end) or relayed frame by frame through this process.
 */
final class HandoffServer {
    private static final System.Logger LOG = System.getLogger(HandoffServer.class.getName());
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, AuthenticatingAcceptor.LOG_INTERVAL);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile HandoffServer instance;

    private final Listener listener;
    private final byte[] key;
    private final Map<String, Export> exports = new ConcurrentHashMap<>();

    private HandoffServer(Listener listener, byte[] key) {
        this.listener = listener;
        this.key = key;
    }

    private static HandoffServer get() throws IOException {
        HandoffServer s = instance;
        if (s == null) {
            synchronized (HandoffServer.class) {
                s = instance;
                if (s == null) {
                    byte[] key = new byte[32];
                    RANDOM.nextBytes(key);
                    ConnectionOptions o = ConnectionOptions.builder().authkey(key)
                            .maxFrameLength(ConnectionOptions.LARGEST_MAX_FRAME_LENGTH).build();
                    String path = SocketFiles.newSocketPath(o.socketDirectory(), "handoff").toString();
                    s = new HandoffServer(Listener.bind(o, path), key);
                    Thread t = new Thread(s::acceptLoop, "mp4j-handoff-accept");
                    t.setDaemon(true);
                    t.start();
                    instance = s;
                }
            }
        }
        return s;
    }

    /**
     * Exports {@code end}: returns the handle that travels instead of it and marks it handed over here. An end
     * that came from a handle and was never attached passes that same handle on.
     *
     * @throws InvalidObjectException if the end is closed or was already handed over
     */
    static PipeEndHandle export(PipeEnd end) throws ObjectStreamException {
        synchronized (end) {
            if (end.handedOver()) {
                throw new InvalidObjectException("this connection end was already handed to another process; a"
                        + " Connection end can be used by one process at a time");
            }
            if (end.closedHere()) {
                throw new InvalidObjectException("cannot hand over a closed connection end");
            }
            if (end.rawSocket() == null) {
                end.markHandedOver();
                return end.origin();
            }
            HandoffServer server;
            try {
                server = get();
            } catch (IOException e) {
                InvalidObjectException x = new InvalidObjectException("cannot start the hand-over server: " + e);
                x.initCause(e);
                throw x;
            }
            return server.register(end);
        }
    }

    private PipeEndHandle register(PipeEnd end) {
        byte[] t = new byte[16];
        RANDOM.nextBytes(t);
        String token = HexFormat.of().formatHex(t);
        PipeEnd peer = end.peer();
        ConnectionOptions o = end.options();
        exports.put(token, new Export(token, end.rawSocket(), o, end.isReadable(), end.isWritable(), peer,
                peer == null ? null : peer.rawSocket(), end.wasUsed()));
        end.markHandedOver();
        return new PipeEndHandle(listener.address(), key.clone(), token, LocalProcess.id(), end.isReadable(),
                end.isWritable(), o.serializer().name(), o.typePolicy(), o.maxFrameLength());
    }

    /**
     * Accepts attaching processes until the listener closes; survives every other error (a failed thread start,
     * an Error thrown anywhere), logging a repeated one at most once per interval.
     */
    private void acceptLoop() {
        for (;;) {
            Connection c = null;
            try {
                c = listener.accept();
                SocketConnection accepted = (SocketConnection) c;
                Thread t = new Thread(() -> serve(accepted), "mp4j-handoff-attach");
                t.setDaemon(true);
                t.start();
            } catch (ConnectionClosedException e) {
                if (listener.isClosed()) {
                    return;
                }
                if (c != null) {
                    closeQuietly(c);
                }
            } catch (Throwable e) {
                if (listener.isClosed()) {
                    return;
                }
                WARNINGS.log(System.Logger.Level.WARNING, "accept", "hand-over server: cannot serve an attaching"
                        + " process: " + e);
                if (c != null) {
                    closeQuietly(c);
                }
            }
        }
    }

    private void serve(SocketConnection c) {
        try {
            String request = new String(c.receiveBytes(1024, Deadline.after(HandoffClient.REPLY_TIMEOUT)), UTF_8);
            String[] parts = request.split(" ");
            if (parts.length != 3 || !request.startsWith(HandoffClient.ATTACH)) {
                refuse(c, "malformed attach request");
                return;
            }
            Export ex = exports.get(parts[1]);
            if (ex == null) {
                refuse(c, "unknown pipe end token " + parts[1] + " (never exported by process " + LocalProcess.id()
                        + ")");
                return;
            }
            String earlier = ex.claim(parts[2]);
            if (earlier != null) {
                refuse(c, "this pipe end is already attached in process " + earlier + "; a Connection end can be"
                        + " used by one process at a time");
                return;
            }
            SocketConnection attached = c.rewrap(ex.options, true, true);
            attached.sendBytes(HandoffClient.OK.getBytes(UTF_8));
            connect(ex, attached);
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.WARNING, "attach", "hand-over server: attach failed: " + e);
            closeQuietly(c);
        }
    }

    private static void connect(Export ex, SocketConnection attached) throws IOException {
        PipeEnd peer = ex.peer;
        if (!ex.usedHere && peer != null && !peer.handedOver() && peer.rawSocket() == ex.peerSocket
                && ex.socket instanceof SocketConnection) {
            Splice.run(peer, (SocketConnection) ex.socket, attached);
        } else {
            Relay.start(ex.socket, attached, ex.readable, ex.writable);
        }
    }

    private static void refuse(SocketConnection c, String why) throws IOException {
        WARNINGS.log(System.Logger.Level.WARNING, "refuse", "hand-over server: " + why);
        c.sendBytes((HandoffClient.ERR + why).getBytes(UTF_8));
        c.close();
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.DEBUG, "close", "close failed: " + e);
        }
    }
}
