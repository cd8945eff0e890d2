package io.github.mp4j.pipe.internal.attach;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.pipe.internal.AuthenticatingAcceptor;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.RingFiles;
import io.github.mp4j.pipe.internal.RingSetup;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.Waiting;
import io.github.mp4j.pipe.internal.SocketFiles;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one service per JVM through which other processes attach the objects this JVM offers: pipe ends handed to
 * another process and queues. Started on the first offer: a {@link Listener} (its accepts run through
 * {@link AuthenticatingAcceptor}, so slow or hostile peers hold up no one) on a Unix socket in the default private
 * socket directory, authenticated with 32 random bytes that only the handles carry.
 *
 * <p>The registry maps an id to an {@link Offer}: a kind, the object, and whether the first attach ends the offer.
 * An attaching process sends {@code "ATTACH <kind> <id> <process>"}; the service answers {@code "OK"}, both ends agree on the
 * transport ({@link RingSetup}: shared-memory rings by default, the socket when either side asks for
 * {@link Transport#SOCKET}), and the service gives the connection to the {@link AttachHandler} registered for the kind, or answers {@code "ERR <reason>"} and
 * closes: an id that is not (or no longer) offered is refused with a message saying the object was closed here or
 * already attached in another process. Entries leave the registry when attached (one-time offers) or withdrawn by
 * their owner ({@link #withdraw}: the end or queue was closed), so the registry holds only what can still be
 * attached.
 */
public final class AttachService {
    /** How long an attaching process may take to send its request, and to wait for the answer. */
    public static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(AttachService.class.getName());
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, AuthenticatingAcceptor.LOG_INTERVAL);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, AttachHandler> HANDLERS = new ConcurrentHashMap<>();
    private static final AtomicInteger ATTACHES = new AtomicInteger();
    private static volatile AttachService instance;

    private final Listener listener;
    private final byte[] key;
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();

    private AttachService(Listener listener, byte[] key) {
        this.listener = listener;
        this.key = key;
    }

    /**
     * Serves offers of {@code kind} with {@code handler} from now on (a module calls this once, before its first
     * offer; registering a kind again replaces its handler).
     */
    public static void register(String kind, AttachHandler handler) {
        checkWord(kind, "kind");
        HANDLERS.put(kind, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * This JVM's service, started on first use.
     *
     * @throws IOException if its listener cannot be bound
     */
    public static AttachService get() throws IOException {
        AttachService s = instance;
        if (s == null) {
            synchronized (AttachService.class) {
                s = instance;
                if (s == null) {
                    byte[] key = new byte[32];
                    RANDOM.nextBytes(key);
                    ConnectionOptions o = ConnectionOptions.builder().authkey(key)
                            .maxFrameLength(ConnectionOptions.LARGEST_MAX_FRAME_LENGTH).build();
                    String path = SocketFiles.newSocketPath(o.socketDirectory(), "attach").toString();
                    s = new AttachService(Listener.bind(o, path), key);
                    DaemonThreads.start("mp4j-attach-accept", s::acceptLoop);
                    instance = s;
                }
            }
        }
        return s;
    }

    /** This JVM's service if it was started, else null (nothing is offered then). */
    public static AttachService ifStarted() {
        return instance;
    }

    /**
     * Offers {@code target} until the first process attaches it or {@link #withdraw} is called; returns its id
     * (16 random bytes in hex).
     */
    public String offerOnce(String kind, Object target) {
        return offerOnce(kind, target, Transport.AUTO);
    }

    /**
     * As {@link #offerOnce(String, Object)}, with the transport this side wants for the connection that attaches
     * it (as in {@link #offer(String, String, Object, Transport)}).
     */
    public String offerOnce(String kind, Object target, Transport transport) {
        byte[] t = new byte[16];
        RANDOM.nextBytes(t);
        String id = HexFormat.of().formatHex(t);
        put(id, new Offer(kind, target, true, Objects.requireNonNull(transport, "transport")));
        return id;
    }

    /**
     * Offers {@code target} under {@code id} to every process that attaches it, until {@link #withdraw}.
     *
     * @throws IllegalStateException if {@code id} is offered already
     */
    public void offer(String kind, String id, Object target) {
        offer(kind, id, target, Transport.AUTO);
    }

    /**
     * As {@link #offer(String, String, Object)}, with the transport this side wants for the connections that
     * attach it: {@link Transport#SOCKET} keeps them on the socket, {@link Transport#SHARED_MEMORY} fails an attach
     * whose rings cannot be set up (see {@link RingSetup}).
     */
    public void offer(String kind, String id, Object target, Transport transport) {
        checkWord(id, "id");
        put(id, new Offer(kind, target, false, Objects.requireNonNull(transport, "transport")));
    }

    private void put(String id, Offer offer) {
        checkWord(offer.kind(), "kind");
        if (!HANDLERS.containsKey(offer.kind())) {
            throw new IllegalStateException("no attach handler is registered for kind '" + offer.kind() + "'");
        }
        if (offers.putIfAbsent(id, offer) != null) {
            throw new IllegalStateException("id " + id + " is offered already");
        }
    }

    /** Ends the offer under {@code id}; true if it was still offered (nobody attached it and it was not withdrawn). */
    public boolean withdraw(String id) {
        return offers.remove(id) != null;
    }

    /** The object offered here under {@code id} as {@code kind}, or null. */
    public Object offered(String kind, String id) {
        Offer o = offers.get(id);
        return o != null && o.kind().equals(kind) ? o.target() : null;
    }

    /** How many objects are offered now. */
    public int offerCount() {
        return offers.size();
    }

    /** Whether {@code address} and {@code key} are this service's (a handle made in this JVM). */
    public boolean isAt(String address, byte[] key) {
        return address().equals(address) && key != null && MessageDigest.isEqual(this.key, key);
    }

    /** The socket path handles attach to. */
    public String address() {
        return listener.address();
    }

    /** The authkey handles carry (a copy). */
    public byte[] key() {
        return key.clone();
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
                AbstractConnection accepted = Waiting.transportOf(c);
                DaemonThreads.start("mp4j-attach-" + ATTACHES.incrementAndGet(), () -> serve(accepted));
            } catch (ConnectionClosedException e) {
                if (listener.isClosed()) {
                    return;
                }
                closeQuietly(c);
            } catch (Throwable e) {
                if (listener.isClosed()) {
                    return;
                }
                WARNINGS.log(System.Logger.Level.WARNING, "accept", "attach service " + address()
                        + ": cannot serve an attaching process: " + e);
                closeQuietly(c);
            }
        }
    }

    private void serve(AbstractConnection c) {
        Offer offer;
        AttachRequest request;
        try {
            request = AttachRequest.parse(c.receiveBytes(AttachRequest.MAX_LENGTH, Deadline.after(REQUEST_TIMEOUT)));
            if (request == null) {
                refuse(c, "malformed attach request");
                return;
            }
            offer = claim(request);
            if (offer == null) {
                refuse(c, request.kind + " " + request.id + " is not offered by process " + LocalProcess.id()
                        + ": it was closed there or already attached in another process");
                return;
            }
            c.sendBytes(AttachRequest.OK.getBytes(UTF_8));
            c = RingSetup.create(c, RingSetup.transportOver(c, offer.transport()), true,
                    RingFiles.directory(SocketFiles.privateDirectory()), Deadline.after(REQUEST_TIMEOUT));
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.DEBUG, "request", "attach service " + address()
                    + ": reading an attach request failed: " + e);
            closeQuietly(c);
            return;
        }
        try {
            HANDLERS.get(offer.kind()).attached(offer.target(), c, request.process);
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.WARNING, "attach", "attach service " + address() + ": attaching "
                    + request.kind + " " + request.id + " to process " + request.process + " failed: " + e);
            closeQuietly(c);
        }
    }

    /** The offer the request names if it is of the named kind, taken out of the registry if it is one-time. */
    private Offer claim(AttachRequest request) {
        Offer o = offers.get(request.id);
        if (o == null || !o.kind().equals(request.kind)) {
            return null;
        }
        return !o.once() || offers.remove(request.id, o) ? o : null;
    }

    private static void refuse(AbstractConnection c, String why) throws IOException {
        WARNINGS.log(System.Logger.Level.DEBUG, "refuse", "attach service: " + why);
        try {
            c.sendBytes((AttachRequest.ERR + why).getBytes(UTF_8));
        } finally {
            c.close();
        }
    }

    /** Closes {@code c} (null: nothing), logging a failure at debug level. */
    public static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Throwable e) {
            WARNINGS.log(System.Logger.Level.DEBUG, "close", "closing " + c + " failed: " + e);
        }
    }

    private static void checkWord(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(what + " must be one non-empty word: '" + s + "'");
        }
    }
}
