package io.github.mp4j.pipe.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A plain Unix-domain server socket for fuzz tests: hands out connected (raw, accepted) socket pairs, so one side
 * can write arbitrary bytes to the other, and writes streams from a background thread (a writer that blocks on a
 * full socket must not stall the reader under test).
 */
final class RawUnixServer implements AutoCloseable {
    private final Path dir;
    private final ServerSocketChannel server;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-writer");
        t.setDaemon(true);
        return t;
    });

    RawUnixServer() throws IOException {
        dir = Files.createTempDirectory("mp4j-fuzz");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
    }

    /** The server's address as {@link io.github.mp4j.pipe.Client} takes it: the socket path. */
    String address() {
        return dir.resolve("s.sock").toString();
    }

    /** A new connection: [0] the connecting (raw) side, [1] the accepted side, both blocking. */
    SocketChannel[] pair() throws IOException {
        SocketChannel raw = SocketChannel.open(server.getLocalAddress());
        return new SocketChannel[] {raw, server.accept()};
    }

    /** The next connection to this server, accepted (blocking). */
    SocketChannel accept() throws IOException {
        return server.accept();
    }

    /**
     * Writes {@code stream} to {@code to} in the background and then shuts its output down (end of stream); a
     * write the peer refuses by closing ends the writer quietly.
     */
    Future<?> writeThenEnd(SocketChannel to, byte[] stream) {
        return writers.submit(() -> {
            try {
                ByteBuffer b = ByteBuffer.wrap(stream);
                while (b.hasRemaining()) {
                    to.write(b);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // the reader closed first (it refused the stream): nothing left to deliver
            }
            return null;
        });
    }

    /**
     * Accepts the next connection in the background, writes {@code stream} to it and shuts its output down; the
     * future gives the accepted channel (to be closed by the caller).
     */
    Future<SocketChannel> acceptThenWrite(byte[] stream) {
        return writers.submit(() -> {
            SocketChannel c = server.accept();
            writeThenEnd(c, stream).get();
            return c;
        });
    }

    /** One whole frame from a blocking channel: 4-byte length, then the payload. */
    static byte[] readFrame(SocketChannel from) throws IOException {
        ByteBuffer header = readFully(from, 4);
        return readFully(from, header.getInt()).array();
    }

    private static ByteBuffer readFully(SocketChannel from, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (from.read(b) < 0) {
                throw new java.io.EOFException("raw peer: stream ended after " + b.position() + " of " + n);
            }
        }
        return b.flip();
    }

    /** Frames {@code payload} with a 4-byte header. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    @Override
    public void close() throws IOException {
        writers.shutdownNow();
        server.close();
        Files.deleteIfExists(dir.resolve("s.sock"));
        Files.deleteIfExists(dir);
    }
}
