package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.AbstractConnection;

/**
 * A pipe end handed to another process and waiting for it to attach: the socket the end used here, the local peer
 * end if there is one, and which process attached (at most one ever does).
 */
final class Export {
    final String token;
    final AbstractConnection socket;
    final ConnectionOptions options;
    final boolean readable;
    final boolean writable;
    /** The other end of the pipe, if it lives in this process, and its socket at export time. */
    final PipeEnd peer;
    final AbstractConnection peerSocket;
    /** Whether the handed end had been used here; if so its socket may hold bytes only a relay can pass on. */
    final boolean usedHere;
    private String attachedBy;

    Export(String token, AbstractConnection socket, ConnectionOptions options, boolean readable, boolean writable,
           PipeEnd peer, AbstractConnection peerSocket, boolean usedHere) {
        this.token = token;
        this.socket = socket;
        this.options = options;
        this.readable = readable;
        this.writable = writable;
        this.peer = peer;
        this.peerSocket = peerSocket;
        this.usedHere = usedHere;
    }

    /**
     * Records that {@code process} attaches; returns null on success, or the process that attached before.
     */
    synchronized String claim(String process) {
        if (attachedBy != null) {
            return attachedBy;
        }
        attachedBy = process;
        return null;
    }
}
