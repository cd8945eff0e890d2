package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.AbstractConnection;

/**
 * A pipe end offered to another process and waiting for it to attach (at most one ever does: the offer leaves the
 * {@link io.github.mp4j.pipe.internal.attach.AttachService} registry at the first attach): the socket the end used
 * here, and the local peer end if there is one with its socket at the time of the offer.
 *
 * @param socket the socket the offered end used here
 * @param options the offered end's options
 * @param readable whether the offered end reads
 * @param writable whether the offered end writes
 * @param peer the other end of the pipe, if it lives in this process
 * @param peerSocket that end's socket when this end was offered
 * @param usedHere whether the offered end had been used here; if so its socket may hold bytes only a relay can
 *     pass on
 */
record PipeEndOffer(AbstractConnection socket, ConnectionOptions options, boolean readable, boolean writable,
                   PipeEnd peer, AbstractConnection peerSocket, boolean usedHere) {
}
