package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Both ends of a ring connection in this JVM, each with its own mapping of one file (what two processes see) and
 * its own end of a Unix socket, plus a third view of ring 0 to scribble on.
 */
final class LocalRingPair implements AutoCloseable {
    final SharedRingFile creatorFile;
    final RingEnd creator;
    final RingEnd opener;
    final RingView ring0;
    final RingView ring1;

    LocalRingPair(int capacity, SpinPolicy spin) throws IOException {
        Path dir = SocketFiles.privateDirectory();
        Path socketPath = SocketFiles.newSocketPath(dir, "ringlocal");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socketPath));
            SocketChannel accepted = server.accept();
            creatorFile = SharedRingFile.create(dir, capacity);
            SharedRingFile openerFile = SharedRingFile.open(creatorFile.path(), capacity);
            SharedRingFile scribbler = SharedRingFile.open(creatorFile.path(), capacity);
            ring0 = scribbler.ring(0, "scribbler");
            ring1 = scribbler.ring(1, "scribbler");
            creatorFile.unlink();
            creator = RingEnd.of(creatorFile, accepted, spin);
            opener = RingEnd.of(openerFile, client, spin);
        } finally {
            SocketFiles.remove(socketPath);
        }
    }

    /** The name ring 0 carries in error messages. */
    String ring0Name() {
        return creatorFile.path().getFileName() + "#0";
    }

    /** The name ring 1 (the opener writes, the creator reads) carries in error messages. */
    String ring1Name() {
        return creatorFile.path().getFileName() + "#1";
    }

    /** Writes {@code value} over the long at {@code descriptorOffset} of ring 0, as a hostile peer would. */
    void poke(int descriptorOffset, long value) {
        ring0.words.releaseLong(ring0.word(descriptorOffset), value);
    }

    /** Writes {@code value} over the long at {@code descriptorOffset} of ring 1, as a hostile peer would. */
    void poke1(int descriptorOffset, long value) {
        ring1.words.releaseLong(ring1.word(descriptorOffset), value);
    }

    /** The long at {@code descriptorOffset} of ring 1 as the scribbler sees it. */
    long peek1(int descriptorOffset) {
        return ring1.words.acquireLong(ring1.word(descriptorOffset));
    }

    @Override
    public void close() throws IOException {
        creator.close();
        opener.close();
    }
}
