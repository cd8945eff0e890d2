package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.ByteSink;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.attach.AttachService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Moves a local peer end onto the connection of the process that attached the handed-over end (its socket, or the
 * shared-memory rings the attach negotiated), so that afterwards the two processes talk directly. Bytes the peer
 * already sent to the handed end's old socket are forwarded first, in order, raw into the attached connection's
 * {@link AbstractConnection#rawSink() sink} (a ring carries the same frame byte stream as a socket); the switch
 * happens between two sends of the peer (under its send lock), so no frame is split. The old socket pair is then
 * closed, which wakes a thread of the peer blocked receiving on it; that thread retries on the new connection. The
 * handed end must carry its frames as plain socket bytes ({@link AbstractConnection#plainSocket()} not null) and
 * the attached connection must have a raw sink.
 */
final class Splice {
    private static final long LOCK_WAIT_MILLIS = 10;

    private Splice() {
    }

    static void run(PipeEnd peer, AbstractConnection handedSocket, AbstractConnection attached) throws IOException {
        Connection peerOld = peer.rawSocket();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        SocketChannel from = handedSocket.plainSocket();
        ByteSink to = attached.rawSink();
        boolean eof = false;
        for (;;) {
            eof |= forwardAvailable(from, to, buf);
            boolean locked;
            try {
                locked = peer.sendLock.tryLock(LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while handing over a pipe end", e);
            }
            if (locked) {
                try {
                    eof |= forwardAvailable(from, to, buf);
                    if (!eof) {
                        peer.replaceSocket(attached);
                    }
                } finally {
                    peer.sendLock.unlock();
                }
                break;
            }
        }
        AttachService.closeQuietly(handedSocket);
        if (eof || peer.closedHere()) {
            attached.close();
        } else {
            AttachService.closeQuietly(peerOld);
        }
    }

    /**
     * Forwards every byte readable now from {@code from} to {@code to} (waiting for room there as long as it
     * takes); true if {@code from} reached its end.
     */
    private static boolean forwardAvailable(SocketChannel from, ByteSink to, ByteBuffer buf) throws IOException {
        for (;;) {
            buf.clear();
            int n = from.read(buf);
            if (n <= 0) {
                return n < 0;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                to.write(buf, Deadline.NONE);
            }
        }
    }
}
