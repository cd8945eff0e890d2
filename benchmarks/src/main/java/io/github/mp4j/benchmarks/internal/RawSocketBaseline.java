package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.process.JvmProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The bandwidth ceiling for {@code pipe_bandwidth}: plain blocking {@link SocketChannel}s over a Unix socket
 * between this JVM and a child JVM, {@code k} writes of one {@code size}-byte heap array, the child reading into
 * one reused heap buffer; no framing, no per-message allocation. Timed over the same span as the pipe workload.
 */
public final class RawSocketBaseline {
    private final Spawner spawner;

    /** @param spawner starts the reading child */
    public RawSocketBaseline(Spawner spawner) {
        this.spawner = spawner;
    }

    /** Seconds to move {@code k * size} bytes to the child and hear its total back. */
    public double run(int k, int size) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("mp4j-raw");
        Path path = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            long bytes = (long) k * size;
            JvmProcess p = spawner.start("raw-sink", Children::rawSink, path.toString(), bytes, size);
            try (SocketChannel ch = server.accept()) {
                ByteBuffer buf = ByteBuffer.wrap(randomBytes(size));
                long t = System.nanoTime();
                for (int i = 0; i < k; i++) {
                    buf.clear();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                long total = new DataInputStream(Channels.newInputStream(ch)).readLong();
                double dt = Stats.secondsSince(t);
                Spawner.joinAll(List.of(p));
                if (total != bytes) {
                    throw new IllegalStateException("raw sink received " + total + " bytes, expected " + bytes);
                }
                return dt;
            }
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }
}
