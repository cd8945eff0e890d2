package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.pipe.internal.ChildJvm;
import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's end of a ring connection to a {@link RingChild}: creates the ring file in the private socket
 * directory, starts the child, accepts its doorbell socket, waits for {@code MAPPED}, checks the child confirmed
 * the mapping in the file and unlinks it.
 */
final class RingFixture implements AutoCloseable {
    final ChildJvm child;
    final RingEnd end;
    final SharedRingFile file;

    private RingFixture(ChildJvm child, RingEnd end, SharedRingFile file) {
        this.child = child;
        this.end = end;
        this.file = file;
    }

    static RingFixture start(Path tmp, int capacity, SpinPolicy spin, String... mode) throws Exception {
        Path dir = SocketFiles.privateDirectory();
        Path socketPath = SocketFiles.newSocketPath(dir, "ringtest");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            SharedRingFile file = SharedRingFile.create(dir, capacity);
            List<String> args = new ArrayList<>(List.of(socketPath.toString(), file.path().toString(),
                    Integer.toString(capacity)));
            args.addAll(List.of(mode));
            ChildJvm child = ChildJvm.start(List.of(), List.of(), RingChild.class, tmp,
                    args.toArray(String[]::new));
            SocketChannel socket = server.accept();
            child.expect("MAPPED");
            if (!file.peerMapped()) {
                throw new AssertionError("the child printed MAPPED but did not confirm in the file");
            }
            file.unlink();
            return new RingFixture(child, RingEnd.of(file, socket, spin), file);
        } finally {
            SocketFiles.remove(socketPath);
        }
    }

    /** The word at {@code descriptorOffset} of ring {@code index}, as this JVM sees it. */
    int word(int index, int descriptorOffset) {
        RingView ring = file.ring(index, "probe");
        return ring.words.acquireInt(ring.word(descriptorOffset));
    }

    @Override
    public void close() throws Exception {
        try {
            child.close();
        } finally {
            end.close();
        }
    }

    /** Fails unless {@code condition} holds before a 20-second deadline (a polling loop, not a timed assertion). */
    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

}
