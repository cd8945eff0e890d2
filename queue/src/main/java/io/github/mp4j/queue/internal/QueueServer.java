package io.github.mp4j.queue.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.pipe.internal.AuthenticatingAcceptor;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.queue.internal.owner.OwnerQueue;
import io.github.mp4j.queue.internal.owner.OwnerSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves this JVM's queues to other processes: a pipe {@link Listener} on a Unix socket in the socket directory,
 * authenticated with an authkey (the factory's, or 32 random bytes), one accept thread and one reader thread per
 * attached connection (an {@link OwnerSession}). Started lazily, when the first queue handle is made, once per
 * distinct (socket directory, authkey, max frame length); it serves while this JVM lives.
 */
public final class QueueServer {
    private static final System.Logger LOG = System.getLogger(QueueServer.class.getName());
    private static final Map<List<Object>, QueueServer> SERVERS = new ConcurrentHashMap<>();
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, AuthenticatingAcceptor.LOG_INTERVAL);
    private static final AtomicInteger SOCKETS = new AtomicInteger();
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final AtomicInteger PAGES = new AtomicInteger();

    private final Listener listener;
    private final byte[] authkey;
    private final Map<Integer, OwnerQueue> queues = new ConcurrentHashMap<>();

    private QueueServer(Listener listener, byte[] authkey) {
        this.listener = listener;
        this.authkey = authkey;
    }

    /**
     * The server for these options, started on first use.
     *
     * @throws UncheckedIOException if the listener cannot be bound
     */
    public static QueueServer forOptions(ConnectionOptions options) {
        List<Object> key = List.of(options.socketDirectory().toString(),
                options.hasAuthkey() ? HexFormat.of().formatHex(options.authkey()) : "",
                options.maxFrameLength());
        return SERVERS.computeIfAbsent(key, k -> start(options));
    }

    /** This JVM's queue with that id served at {@code address} with that authkey, or null. */
    static OwnerQueue lookup(String address, int queueId, byte[] authkey) {
        for (QueueServer s : SERVERS.values()) {
            if (s.address().equals(address) && authkey != null && MessageDigest.isEqual(s.authkey, authkey)) {
                return s.queues.get(queueId);
            }
        }
        return null;
    }

    private static QueueServer start(ConnectionOptions options) {
        byte[] key = options.hasAuthkey() ? options.authkey() : randomKey();
        String path = options.socketDirectory().resolve("q" + ProcessHandle.current().pid() + "-"
                + SOCKETS.incrementAndGet()).toString();
        try {
            Listener listener = Listener.bind(options.toBuilder().authkey(key).build(), path);
            QueueServer server = new QueueServer(listener, key);
            Thread t = new Thread(server::acceptLoop, "mp4j-queue-server " + listener.address());
            t.setDaemon(true);
            t.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the queue server on " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Makes {@code queue} reachable through this server. */
    public void export(OwnerQueue queue) {
        queues.put(queue.id(), queue);
    }

    public String address() {
        return listener.address();
    }

    public byte[] authkey() {
        return authkey.clone();
    }

    /**
     * Accepts attaching processes until the listener closes. Survives every other error (a thread that cannot be
     * started, an Error thrown anywhere): that one connection is closed and the condition logged at most once per
     * interval. Handshakes and descriptor exhaustion are handled by the listener, which never blocks on a peer.
     */
    private void acceptLoop() {
        for (;;) {
            Connection c = null;
            try {
                c = listener.accept();
                Connection accepted = c;
                Thread t = new Thread(() -> attach(accepted), "mp4j-queue-session-" + SESSIONS.incrementAndGet());
                t.setDaemon(true);
                t.start();
            } catch (ConnectionClosedException e) {
                if (listener.isClosed()) {
                    return;
                }
                closeQuietly(c);
            } catch (Throwable e) {
                if (listener.isClosed()) {
                    return;
                }
                WARNINGS.log(System.Logger.Level.WARNING, "accept", "queue server " + address()
                        + ": cannot serve an attaching process: " + e);
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.DEBUG, "close", "closing " + c + " failed: " + e);
        }
    }

    /** Reads the HELLO naming the queue, then serves the connection until it ends. */
    private void attach(Connection c) {
        OwnerQueue queue;
        String peer;
        SessionPage page;
        Path pagePath = Path.of(address() + ".s" + PAGES.incrementAndGet());
        try {
            byte[] hello = c.recvBytes();
            if (Wire.op(hello) != Wire.HELLO) {
                throw new io.github.mp4j.ProtocolException("expected HELLO as the first queue message, got op "
                        + hello[0]);
            }
            peer = Wire.text(hello);
            queue = queues.get(Wire.arg(hello));
            if (queue == null) {
                c.sendBytes(Wire.reply(0, Wire.UNKNOWN_QUEUE, Wire.arg(hello)));
                c.close();
                return;
            }
            page = createPage(c, pagePath, peer);
            if (page == null) {
                return;
            }
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.DEBUG, "attach", "queue server " + address()
                    + ": attaching a connection failed: " + e);
            closeQuietly(c);
            return;
        }
        new OwnerSession(queue, c, peer, page, pagePath).run();
    }

    /**
     * The new session's page, or null if it cannot be made: then the process is told why ({@link Wire#REFUSED},
     * naming the directory), the connection closed and the reason logged; the server goes on serving others.
     */
    private SessionPage createPage(Connection c, Path pagePath, String peer) throws IOException {
        try {
            return SessionPage.create(pagePath);
        } catch (IOException | UnsupportedOperationException | InternalError e) {
            WARNINGS.log(System.Logger.Level.WARNING, "page", "queue server " + address() + ": cannot create the"
                    + " session page " + pagePath + " for " + peer + ", refusing that process: " + e.getMessage());
            try {
                c.sendBytes(Wire.textMessage(Wire.REFUSED, 0, e.getMessage()));
            } finally {
                c.close();
            }
            return null;
        }
    }
}
