package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.attach.AttachClient;
import io.github.mp4j.pipe.internal.attach.AttachService;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;

/**
 * Pipe ends on the {@link AttachService}: offering an end that travels to another process, attaching it there, and
 * serving the attach here. An offer is one-time: it leaves the registry when a process attaches the end, or when
 * this process closes the whole pipe before anyone did (see {@link #closed}). After the attach the end is either
 * spliced (the attaching connection replaces the socket of the local peer end) or relayed frame by frame through
 * this process.
 *
 * <p>Transport: the attach negotiates shared-memory rings ({@link io.github.mp4j.pipe.internal.RingSetup}) unless
 * the handed end's options or the attaching process's options say {@link io.github.mp4j.pipe.Transport#SOCKET}
 * (or the attach runs over TCP), so under the default {@code AUTO} a pipe end handed to a child JVM ends up on
 * rings: after a splice the local peer end talks to the child through them.
 */
final class PipeEndAttacher {
    /** The kind pipe ends are offered as. */
    static final String KIND = "pipe-end";

    static {
        AttachService.register(KIND, (target, c, process) -> serve((PipeEndOffer) target, c));
    }

    private PipeEndAttacher() {
    }

    /**
     * Offers {@code end}: returns the handle that travels instead of it and marks it handed over here. An end that
     * came from a handle and was never attached passes that same handle on.
     *
     * @throws InvalidObjectException if the end is closed or was already handed over
     */
    static PipeEndHandle offer(PipeEnd end) throws ObjectStreamException {
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
            AttachService service;
            try {
                service = AttachService.get();
            } catch (IOException e) {
                InvalidObjectException x = new InvalidObjectException("cannot start the attach service: " + e);
                x.initCause(e);
                throw x;
            }
            PipeEnd peer = end.peer();
            ConnectionOptions o = end.options();
            String id = service.offerOnce(KIND, new PipeEndOffer(end.rawSocket(), o, end.isReadable(),
                    end.isWritable(), peer, peer == null ? null : peer.rawSocket(), end.wasUsed()), o.transport());
            end.markOffered(id);
            return new PipeEndHandle(service.address(), service.key(), id, LocalProcess.id(), end.isReadable(),
                    end.isWritable(), o.serializer().name(), o.typePolicy(), o.maxFrameLength());
        }
    }

    /**
     * Attaches the end that {@code h} names and returns its socket, configured with {@code options}. The address
     * is checked against {@code rules} once more first (it was checked when the handle was decoded; the directory
     * may have appeared since).
     *
     * @throws io.github.mp4j.HandleRefusedException if the rules refuse the address now; nothing is connected
     * @throws IOException naming the offering process if it is gone or refuses (the end was closed there or is
     *     attached elsewhere)
     */
    static AbstractConnection attach(PipeEndHandle h, ConnectionOptions options, HandleRules rules) throws IOException {
        rules.checkAddress(h.serverAddress(), h.describe());
        AbstractConnection c = AttachClient.attach(options.toBuilder().authkey(h.serverKey()).build(),
                h.serverAddress(), KIND, h.token(), h.describe());
        try {
            return c.rewrap(options, h.readable(), h.writable());
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Called when {@code end} is closed here: withdraws the offer of an end of its pipe when the whole pipe is now
     * closed in this process, that is the offered end and its local peer are both closed here and the peer was not
     * handed over itself. Closing only the offered end withdraws nothing (the usual {@code r.close()} after
     * starting the child, as in Python: the process it went to owns it now), nor does closing only the peer (its
     * frames stay readable for the process that attaches). A withdrawn end's socket here is closed, and a handle of
     * it then fails to attach saying the end was closed.
     */
    static void closed(PipeEnd end) {
        withdrawIfPipeClosed(end);
        PipeEnd peer = end.peer();
        if (peer != null) {
            withdrawIfPipeClosed(peer);
        }
    }

    private static void withdrawIfPipeClosed(PipeEnd offered) {
        String id = offered.offerId();
        PipeEnd peer = offered.peer();
        AttachService service = AttachService.ifStarted();
        if (id == null || service == null || !offered.closedHere() || peer == null || !peer.closedHere()
                || peer.handedOver()) {
            return;
        }
        Object offer = service.offered(KIND, id);
        if (offer != null && service.withdraw(id)) {
            AttachService.closeQuietly(((PipeEndOffer) offer).socket());
        }
    }

    private static void serve(PipeEndOffer ex, AbstractConnection c) throws IOException {
        AbstractConnection attached = c.rewrap(ex.options(), true, true);
        PipeEnd peer = ex.peer();
        if (!ex.usedHere() && peer != null && !peer.handedOver() && peer.rawSocket() == ex.peerSocket()
                && ex.socket().plainSocket() != null && attached.rawSink() != null) {
            Splice.run(peer, ex.socket(), attached);
        } else {
            Relay.start(ex.socket(), attached, ex.readable(), ex.writable());
        }
    }
}
