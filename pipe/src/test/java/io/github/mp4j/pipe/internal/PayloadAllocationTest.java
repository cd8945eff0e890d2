package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame header alone does not make the receiver allocate the length it declares: the payload array grows with
 * the bytes that arrive. Before, a receiver allocated the whole declared payload as soon as the header was in.
 */
@Timeout(60)
class PayloadAllocationTest {
    private static final int DECLARED = 60 << 20;
    private static final int SENT = 1000;

    @TempDir
    Path dir;

    @Test
    void headerDeclaringSixtyMebibytesWithFewBytesAllocatesInProportionToTheBytesReceived() throws Exception {
        warmUpReceivePath();
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("alloc.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel peer = SocketChannel.open(address);
                 SocketConnection receiver = new SocketConnection(server.accept(), ConnectionOptions.defaults(),
                         true, true)) {
                ByteBuffer frame = ByteBuffer.allocate(4 + SENT).putInt(DECLARED).put(new byte[SENT]).flip();
                while (frame.hasRemaining()) {
                    peer.write(frame);
                }
                FutureTask<byte[]> recv = new FutureTask<>(receiver::recvBytes);
                Thread t = new Thread(recv, "receiver");
                t.start();
                awaitBlockedInSelect(t);
                assertThat(Allocation.ofThread(t)).as("bytes the receiver allocated after a header declaring %d"
                        + " bytes and %d bytes of payload", DECLARED, SENT).isLessThan(1 << 20);
                receiver.close();
                assertThatThrownBy(() -> recv.get(30, TimeUnit.SECONDS)).isExactlyInstanceOf(ExecutionException.class)
                        .cause().isExactlyInstanceOf(ConnectionClosedException.class);
            }
        }
    }

    /**
     * Runs the receive path once (a frame that arrives while the receiver waits in select) on another connection,
     * so that what the JVM allocates once per process (class loading and initialisation, JFR event set-up) is not
     * counted against the frame measured above.
     */
    private void warmUpReceivePath() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("warm.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel peer = SocketChannel.open(address);
                 SocketConnection receiver = new SocketConnection(server.accept(), ConnectionOptions.defaults(),
                         true, true)) {
                FutureTask<byte[]> recv = new FutureTask<>(receiver::recvBytes);
                Thread t = new Thread(recv, "warm-up receiver");
                t.start();
                awaitBlockedInSelect(t);
                ByteBuffer frame = ByteBuffer.allocate(4 + SENT).putInt(SENT).put(new byte[SENT]).flip();
                while (frame.hasRemaining()) {
                    peer.write(frame);
                }
                assertThat(recv.get(30, TimeUnit.SECONDS)).hasSize(SENT);
            }
        }
    }

    private static void awaitBlockedInSelect(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getClassName().contains("Selector")
                && f.getMethodName().contains("select"))) {
            if (!t.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("receiver did not block waiting for the rest of the frame: " + t.getState());
            }
            Thread.sleep(2);
        }
    }
}
