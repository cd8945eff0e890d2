package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.AbstractConnection;

/**
 * A pipe end offered to another process and waiting for it to attach (at most one ever does: the offer leaves the
 * {@link io.github.mp4j.pipe.internal.attach.AttachService} registry at the first attach): the socket the end used
 * here, and the local peer end if there is one with its socket at the time of the offer.
 */
final class PipeEndOffer {
    final AbstractConnection socket;
    final ConnectionOptions options;
    final boolean readable;
    final boolean writable;
    /** The other end of the pipe, if it lives in this process, and its socket when the end was offered. */
    final PipeEnd peer;
    final AbstractConnection peerSocket;
    /** Whether the offered end had been used here; if so its socket may hold bytes only a relay can pass on. */
    final boolean usedHere;

    PipeEndOffer(AbstractConnection socket, ConnectionOptions options, boolean readable, boolean writable,
                 PipeEnd peer, AbstractConnection peerSocket, boolean usedHere) {
        this.socket = socket;
        this.options = options;
        this.readable = readable;
        this.writable = writable;
        this.peer = peer;
        this.peerSocket = peerSocket;
        this.usedHere = usedHere;
    }
}
