package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.internal.attach.AttachService;
import java.io.IOException;

/**
 * Passes frames between the socket a handed-over end used in this process and the socket of the process that
 * attached it, one daemon thread per direction, when the sockets cannot simply be spliced (the end was used here,
 * or its peer lives in yet another process). When either side ends, both are closed.
 */
final class Relay {
    private static final System.Logger LOG = System.getLogger(Relay.class.getName());

    private Relay() {
    }

    static void start(Connection local, Connection attached, boolean readable, boolean writable) {
        if (readable) {
            pump(local, attached, "mp4j-relay-out");
        }
        if (writable) {
            pump(attached, local, "mp4j-relay-in");
        }
    }

    private static void pump(Connection from, Connection to, String name) {
        DaemonThreads.start(name, () -> {
            try {
                for (;;) {
                    to.sendBytes(from.recvBytes());
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, name + " ends: " + e);
            } finally {
                AttachService.closeQuietly(from);
                AttachService.closeQuietly(to);
            }
        });
    }
}
