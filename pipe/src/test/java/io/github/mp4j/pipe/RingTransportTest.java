package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.FrameTooLargeException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.RingConnection;
import io.github.mp4j.pipe.internal.RingSetup;
import io.github.mp4j.pipe.internal.Waiting;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pipes over shared-memory rings ({@link Transport#SHARED_MEMORY}): parked receivers and senders, frames around the
 * ring's size, and {@link Connections#wait} over rings and sockets together.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RingTransportTest {
    private static final int RING = RingSetup.CAPACITY;
    private final Pipe rings;
    private final Pipe sockets;

    RingTransportTest() throws IOException {
        rings = Pipe.open(true, ConnectionOptions.builder().transport(Transport.SHARED_MEMORY).build());
        sockets = Pipe.open(true);
    }

    @AfterEach
    void close() throws IOException {
        rings.close();
        sockets.close();
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static <T> CompletableFuture<T> inThread(String name, IoCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, r -> new Thread(r, name).start());
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static boolean blockedInSelect(Thread t) {
        return Arrays.stream(t.getStackTrace())
                .anyMatch(e -> e.getMethodName().equals("select") && e.getClassName().contains("Selector"));
    }

    @Test
    void optionsChooseTheTransport() throws IOException {
        assertThat(Waiting.transportOf(rings.first())).isInstanceOf(RingConnection.class);
        assertThat(Waiting.transportOf(sockets.first())).isNotInstanceOf(RingConnection.class);
        assertThat(ConnectionOptions.defaults().transport()).isEqualTo(Transport.AUTO);
        try (Pipe auto = Pipe.open(true)) {
            assertThat(Waiting.transportOf(auto.first()).transportName()).isEqualTo("unix");
        }
    }

    @Test
    void parkedReceiverIsWokenByASend() throws Exception {
        Thread[] receiver = new Thread[1];
        CompletableFuture<byte[]> got = inThread("ring-parked-receiver", () -> {
            receiver[0] = Thread.currentThread();
            return rings.second().recvBytes();
        });
        awaitTrue("the receiver parks on the doorbell", () -> receiver[0] != null && blockedInSelect(receiver[0]));
        rings.first().sendBytes(pattern(100, 1));
        assertThat(got.get()).isEqualTo(pattern(100, 1));
    }

    @Test
    void fullRingParksTheSenderUntilTheReceiverReads() throws Exception {
        Thread[] sender = new Thread[1];
        byte[] big = pattern(3 * RING, 2);
        CompletableFuture<Boolean> sent = inThread("ring-full-sender", () -> {
            sender[0] = Thread.currentThread();
            rings.first().sendBytes(big);
            return true;
        });
        RingConnection receiver = (RingConnection) Waiting.transportOf(rings.second());
        awaitTrue("the ring fills and the sender parks", () -> sender[0] != null && blockedInSelect(sender[0])
                && available(receiver) == RING);
        assertThat(sent).isNotDone();
        assertThat(rings.second().recvBytes()).isEqualTo(big);
        assertThat(sent.get()).isTrue();
    }

    @Test
    void framesAroundTheRingSizeArriveIntactIncludingIntoTheCallersArray() throws Exception {
        int[] sizes = {0, RING - 1, RING, RING + 1, 10 * RING, 0, 1};
        CompletableFuture<Boolean> sender = inThread("ring-sizes-sender", () -> {
            for (int i = 0; i < sizes.length; i++) {
                rings.first().sendBytes(pattern(sizes[i], i));
            }
            return true;
        });
        for (int i = 0; i < sizes.length; i++) {
            if (i % 2 == 0) {
                assertThat(rings.second().recvBytes()).as("frame of %d bytes", sizes[i])
                        .isEqualTo(pattern(sizes[i], i));
            } else {
                byte[] into = new byte[sizes[i] + 3];
                assertThat(rings.second().recvBytesInto(into, 3)).isEqualTo(sizes[i]);
                assertThat(Arrays.copyOfRange(into, 3, into.length)).as("frame of %d bytes", sizes[i])
                        .isEqualTo(pattern(sizes[i], i));
            }
        }
        assertThat(sender.get()).isTrue();
    }

    @Test
    void waitOverRingsAndSocketsReturnsExactlyTheReadyOnes() throws Exception {
        List<Connection> both = List.of(sockets.second(), rings.second());
        assertThat(Connections.wait(both, Duration.ZERO)).isEmpty();

        rings.first().sendBytes(pattern(10, 3));
        assertThat(Connections.wait(both)).containsExactly(rings.second());
        assertThat(rings.second().recvBytes()).isEqualTo(pattern(10, 3));

        sockets.first().sendBytes(pattern(10, 4));
        assertThat(Connections.wait(both)).containsExactly(sockets.second());
        assertThat(sockets.second().recvBytes()).isEqualTo(pattern(10, 4));

        // A send while the waiter is parked rings the doorbell; afterwards no stale wake-up counts as input.
        Thread[] waiter = new Thread[1];
        CompletableFuture<List<Connection>> woken = inThread("ring-mixed-waiter", () -> {
            waiter[0] = Thread.currentThread();
            return Connections.wait(both);
        });
        awaitTrue("the waiter blocks in its select", () -> waiter[0] != null && blockedInSelect(waiter[0]));
        rings.first().sendBytes(pattern(5, 5));
        assertThat(woken.get()).containsExactly(rings.second());
        assertThat(rings.second().recvBytes()).isEqualTo(pattern(5, 5));
        assertThat(Connections.wait(both, Duration.ofMillis(50))).isEmpty();
        assertThat(rings.second().poll()).isFalse();
        assertThat(rings.second().poll(Duration.ofMillis(20))).isFalse();
    }

    @Test
    void endOfStreamOfARingPeerIsReportedByWaitAndPoll() throws Exception {
        rings.first().close();
        assertThat(Connections.wait(List.of(sockets.second(), rings.second()))).containsExactly(rings.second());
        assertThat(rings.second().poll()).isTrue();
    }

    @Test
    void oversizedHeaderInTheRingIsRefusedBeforeAllocation() throws Exception {
        RingConnection writer = (RingConnection) Waiting.transportOf(rings.first());
        // A header declaring ~2 GiB, written raw into the ring: the receiver must refuse it from the 4 header bytes.
        byte[] header = java.nio.ByteBuffer.allocate(4).putInt(0x7fff_0000).array();
        assertThat(writer.ringEnd().sink().write(header, 0, 4, Deadline.NONE)).isEqualTo(4);
        assertThatThrownBy(() -> rings.second().recvBytes()).isExactlyInstanceOf(FrameTooLargeException.class)
                .hasMessageStartingWith("frame length 2147418112 exceeds maxFrameLength=67108864");
        assertThat(rings.second().isClosed()).isTrue();
    }

    private static int available(RingConnection c) {
        try {
            return c.ringEnd().source().available();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails unless {@code condition} holds before a 30-second deadline (a polling loop, not a timed assertion). */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = Deadline.after(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Deadline.passed(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }
}
