package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
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
 * The ceilings for the pipe rows: plain blocking {@link SocketChannel}s over a Unix socket between this JVM and a
 * child JVM, no serializer, no mp4j. The child connects, reads what one pass sends and answers one 8-byte count
 * per pass; each method times its last pass from the first write to that answer, the span the pipe workloads
 * time. With {@code passes > 1} the earlier passes warm both JVMs on the same connection, untimed.
 */
public final class RawSocketBaseline {
    /** How many bytes of whole frames the write-behind variant of {@link #smallFrames} puts in one write. */
    public static final int COALESCED_WRITE = 64 * 1024;

    private final Spawner spawner;
    private final int passes;

    /**
     * @param spawner starts the reading child
     * @param passes passes per run; only the last is timed
     */
    public RawSocketBaseline(Spawner spawner, int passes) {
        this.spawner = spawner;
        this.passes = passes;
    }

    /**
     * {@code raw_socket_1MiB}: seconds to move {@code k} writes of one {@code size}-byte heap array to a child
     * that reads into one reused buffer of that size (no framing, no per-message allocation), and hear its total.
     */
    public double bandwidth(int k, int size) throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.wrap(randomBytes(size));
        return lastPass("raw-sink", Children::rawSink, (long) k * size, size, ch -> {
            for (int i = 0; i < k; i++) {
                buf.clear();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        });
    }

    /**
     * {@code raw_socket_small}: seconds to move {@code frames} to a child that reads with a 64 KiB buffer and
     * walks the frames (no copy, no decode), and hear its frame count. {@code maxWrite = 0} writes each frame
     * with its own {@code write}, the most a sender can do that writes every message before its send returns;
     * {@link #COALESCED_WRITE} packs whole frames up to 64 KiB per write, what a write-behind sender could do.
     */
    public double smallFrames(SmallFrames frames, int maxWrite) throws IOException, InterruptedException {
        return lastPass("raw-frame-sink", Children::rawFrameSink, frames.count(), COALESCED_WRITE,
                ch -> frames.writeTo(ch, maxWrite));
    }

    /** What the parent writes in one pass. */
    @FunctionalInterface
    private interface Pass {
        void write(SocketChannel ch) throws IOException;
    }

    /**
     * Starts {@code child} with {@code (socketPath, expected, bufferSize, passes)}, runs {@code pass} that many
     * times, each followed by the child's answer, and returns the seconds of the last.
     */
    private double lastPass(String name, ProcessTarget child, long expected, int bufferSize, Pass pass)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("mp4j-raw");
        Path path = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            JvmProcess p = spawner.start(name, child, path.toString(), expected, bufferSize, passes);
            try (SocketChannel ch = server.accept()) {
                DataInputStream answers = new DataInputStream(Channels.newInputStream(ch));
                double dt = 0;
                for (int i = 0; i < passes; i++) {
                    long t = System.nanoTime();
                    pass.write(ch);
                    long got = answers.readLong();
                    dt = Stats.secondsSince(t);
                    if (got != expected) {
                        throw new IllegalStateException(p.name() + " counted " + got + " in pass " + (i + 1)
                                + ", expected " + expected);
                    }
                }
                Spawner.joinAll(List.of(p));
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
