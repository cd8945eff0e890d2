package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Transport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link RingConnection} between this JVM and a real child JVM ({@link RingConnectionChild}) set up by
 * {@link RingSetup}: {@code kill -9} of either end mid-frame.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RingConnectionTwoJvmTest {
    @TempDir
    Path tmp;

    static byte[] payload(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** The child and this JVM's end of the rings to it. */
    private record Peer(ChildJvm child, RingConnection conn) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                child.close();
            } finally {
                conn.close();
            }
        }
    }

    private Peer start(String... mode) throws Exception {
        Path dir = SocketFiles.privateDirectory();
        Path socketPath = SocketFiles.newSocketPath(dir, "ringconn");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            List<String> args = new java.util.ArrayList<>(List.of(socketPath.toString()));
            args.addAll(List.of(mode));
            ChildJvm child = ChildJvm.start(List.of(), List.of(), RingConnectionChild.class, tmp,
                    args.toArray(String[]::new));
            SocketConnection accepted = new SocketConnection(server.accept(), ConnectionOptions.defaults(), true,
                    true);
            AbstractConnection c = RingSetup.create(accepted, Transport.AUTO, true, dir,
                    Deadline.after(Duration.ofSeconds(30)));
            assertThat(child.expect("RINGS")).isEqualTo("RINGS shm");
            return new Peer(child, (RingConnection) c);
        } finally {
            SocketFiles.remove(socketPath);
        }
    }

    @Test
    void senderKilledMidFrameLeavesEveryCompleteFrameThenTruncatedFrameException() throws Exception {
        int big = 4 * RingSetup.CAPACITY;
        try (Peer p = start("big", "3", "100", Integer.toString(big))) {
            p.child.expect("SENDING");
            awaitTrue("the child fills the ring with part of its big frame",
                    () -> available(p.conn) == RingSetup.CAPACITY);
            p.child.close(); // SIGKILL while it waits for room inside its frame
            for (int i = 0; i < 3; i++) {
                assertThat(p.conn.recvBytes()).isEqualTo(payload(100, i));
            }
            int got = RingSetup.CAPACITY - 3 * 104;
            assertThatThrownBy(p.conn::recvBytes)
                    .isExactlyInstanceOf(TruncatedFrameException.class)
                    .hasMessage("stream ended inside a frame: got " + got + " of " + (big + 4) + " bytes; the peer"
                            + " died or closed while sending");
            assertThat(p.conn.isClosed()).isTrue();
        }
    }

    @Test
    void senderFacingAKilledReaderGetsAnErrorNotAHang() throws Exception {
        try (Peer p = start("hold")) {
            p.child.expect("HOLDING");
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
                try {
                    p.conn.sendBytes(new byte[10 * RingSetup.CAPACITY]);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, r -> new Thread(r, "ring-send-to-killed").start());
            awaitTrue("the ring to the child is full", () -> free(p.conn) == 0);
            p.child.close();
            assertThatThrownBy(send::get).isExactlyInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(IOException.class)
                    .hasMessageEndingWith(": the reading end is gone (its socket is at end-of-stream) with "
                            + RingSetup.CAPACITY + " bytes unread");
        }
    }

    private static int available(RingConnection c) {
        try {
            return c.ringEnd().source().available();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int free(RingConnection c) {
        try {
            return c.ringEnd().sink().free();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails unless {@code condition} holds before a 30-second deadline (a polling loop, not a timed assertion). */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = Deadline.after(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Deadline.passed(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
