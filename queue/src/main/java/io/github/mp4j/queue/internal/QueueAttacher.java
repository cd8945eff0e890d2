package io.github.mp4j.queue.internal;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.queue.internal.owner.OwnerQueue;
import io.github.mp4j.queue.internal.owner.OwnerSession;
import io.github.mp4j.pipe.internal.AuthenticatingAcceptor;
import io.github.mp4j.pipe.internal.RateLimitedLog;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.attach.AttachClient;
import io.github.mp4j.pipe.internal.attach.AttachService;
import io.github.mp4j.queue.internal.share.QueueHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queues on this JVM's {@link AttachService}, the one service through which other processes attach what this JVM
 * offers. A queue is offered (kind {@value #KIND}, id {@code q<queueId>}) when its first handle is made and stays
 * offered to every process until it is closed here and no process is attached ({@link #withdrawIfUnused});
 * processes attached before keep their sessions. An attaching process, once the service said OK, sends {@code HELLO} naming the queue; the owner answers
 * with its session page (made in the queue's socket directory) and serves the connection as an
 * {@link OwnerSession} on the service's thread for it, until it ends.
 */
public final class QueueAttacher {
    /** The kind queues are offered as. */
    static final String KIND = "queue";

    private static final System.Logger LOG = System.getLogger(QueueAttacher.class.getName());
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, AuthenticatingAcceptor.LOG_INTERVAL);
    private static final AtomicInteger PAGES = new AtomicInteger();

    static {
        AttachService.register(KIND, (target, c, process) -> serve((OwnerQueue) target, c));
    }

    private QueueAttacher() {
    }

    /**
     * Offers {@code queue} to other processes; returns the service that handles must name.
     *
     * @throws UncheckedIOException if the service cannot be started
     */
    public static AttachService offer(OwnerQueue queue) {
        AttachService service;
        try {
            service = AttachService.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the attach service: " + e.getMessage(), e);
        }
        service.offer(KIND, id(queue.id()), queue, queue.connectionOptions().transport());
        withdrawIfUnused(queue); // closed meanwhile: its close may have looked before the offer was made
        return service;
    }

    /**
     * Ends the offer of {@code queue} if it is closed here and no process is attached to it: later handles then fail
     * to attach it, saying it was closed. Called when the owner closes it and when a session ends.
     */
    public static void withdrawIfUnused(OwnerQueue queue) {
        AttachService service = AttachService.ifStarted();
        if (service != null && queue.isClosed() && queue.attachedSessions() == 0) {
            service.withdraw(id(queue.id()));
        }
    }

    /** This JVM's open queue that {@code handle} names, if the handle was made here; else null. */
    public static OwnerQueue local(QueueHandle handle) {
        AttachService service = AttachService.ifStarted();
        if (service == null || !service.isAt(handle.address(), handle.authkey())) {
            return null;
        }
        return (OwnerQueue) service.offered(KIND, id(handle.queueId()));
    }

    /** Whether this JVM offers the queue with that id now. */
    public static boolean offered(int queueId) {
        AttachService service = AttachService.ifStarted();
        return service != null && service.offered(KIND, id(queueId)) != null;
    }

    /**
     * Attaches the queue {@code handle} names at its owner, with {@code options} (the handle's authkey).
     *
     * @throws IOException starting {@code "cannot attach <what>: "} if the owner is gone or refuses
     */
    public static AbstractConnection connect(ConnectionOptions options, QueueHandle handle, String what) throws IOException {
        return AttachClient.attach(options, handle.address(), KIND, id(handle.queueId()), what);
    }

    private static String id(int queueId) {
        return "q" + queueId;
    }

    /** Reads the HELLO naming the queue, answers with the session page, then serves the connection until it ends. */
    private static void serve(OwnerQueue queue, AbstractConnection attached) throws IOException {
        AbstractConnection c = attached.rewrap(queue.connectionOptions(), true, true);
        byte[] hello = c.recvBytes();
        if (Wire.op(hello) != Wire.HELLO) {
            throw new ProtocolException("expected HELLO as the first queue message, got op " + hello[0]);
        }
        String peer = Wire.text(hello);
        if (Wire.arg(hello) != queue.id()) {
            c.sendBytes(Wire.reply(0, Wire.UNKNOWN_QUEUE, Wire.arg(hello)));
            c.close();
            return;
        }
        Path pagePath = queue.connectionOptions().socketDirectory().resolve("q" + ProcessHandle.current().pid()
                + "-s" + PAGES.incrementAndGet());
        SessionPage page = createPage(c, pagePath, peer);
        if (page != null) {
            try {
                new OwnerSession(queue, c, peer, page, pagePath).run();
            } finally {
                withdrawIfUnused(queue);
            }
        }
    }

    /**
     * The new session's page, or null if it cannot be made: then the process is told why ({@link Wire#REFUSED},
     * naming the directory), the connection closed and the reason logged; the service goes on serving others.
     */
    private static SessionPage createPage(AbstractConnection c, Path pagePath, String peer) throws IOException {
        try {
            return SessionPage.create(pagePath);
        } catch (IOException | UnsupportedOperationException | InternalError e) {
            WARNINGS.log(System.Logger.Level.WARNING, "page", "queue owner: cannot create the session page "
                    + pagePath + " for " + peer + ", refusing that process: " + e.getMessage());
            try {
                c.sendBytes(Wire.textMessage(Wire.REFUSED, 0, e.getMessage()));
            } finally {
                c.close();
            }
            return null;
        }
    }
}
