package io.github.mp4j.pipe.internal.ring;

import static io.github.mp4j.pipe.internal.ring.RingFixture.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.internal.Deadline;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ring between this JVM and a real child JVM ({@link RingChild}): waking, back-pressure, death, sizes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedRingTwoJvmTest {
    private static final int CAPACITY = RingDescriptor.MIN_CAPACITY;

    @TempDir
    Path tmp;

    @Test
    void parkedReceiverIsWokenBySend() throws Exception {
        try (RingFixture f = RingFixture.start(tmp, CAPACITY, SpinPolicy.defaults(), "readframe")) {
            awaitTrue("the child parks on the empty ring",
                    () -> f.word(0, RingDescriptor.CONSUMER_PARKED_OFFSET) == 1);
            byte[] payload = RingFrames.payload(100, 7);
            RingFrames.write(f.end.sink(), payload);
            assertThat(f.child.expect("GOT")).isEqualTo("GOT 100 " + Arrays.hashCode(payload));
        }
    }

    @Test
    void idleReceiverParksOnTheSocketAndUsesNoCpu() throws Exception {
        try (RingFixture f = RingFixture.start(tmp, CAPACITY, SpinPolicy.defaults(), "sender")) {
            CompletableFuture<Thread> readerThread = new CompletableFuture<>();
            CompletableFuture<byte[]> frame = CompletableFuture.supplyAsync(() -> {
                readerThread.complete(Thread.currentThread());
                try {
                    return RingFrames.read(f.end.source());
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, r -> new Thread(r, "ring-idle-reader").start());
            Thread reader = readerThread.get();
            awaitTrue("this JVM's reader parks", () -> f.word(1, RingDescriptor.CONSUMER_PARKED_OFFSET) == 1);
            awaitTrue("the reader blocks in the doorbell's select", () -> Arrays.stream(reader.getStackTrace())
                    .anyMatch(e -> e.getMethodName().equals("select") && e.getClassName().contains("Selector")));

            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpuBefore = mx.getThreadCpuTime(reader.getId());
            // A measurement window, not synchronisation: the assertion is on the thread's CPU time within it.
            assertThat(frame).isNotDone();
            reader.join(1000);
            long cpuNanos = mx.getThreadCpuTime(reader.getId()) - cpuBefore;
            assertThat(cpuNanos).as("CPU time of the parked reader over 1 s of wall time").isLessThan(20_000_000L);

            f.child.ask("send 300", "SENT");
            assertThat(frame.get()).isEqualTo(RingFrames.payload(300, 300));
        }
    }

    @Test
    void fullRingParksTheSenderUntilTheReaderDrains() throws Exception {
        try (RingFixture f = RingFixture.start(tmp, CAPACITY, SpinPolicy.defaults(), "hold")) {
            byte[] data = RingFrames.payload(3 * CAPACITY + 5, 1);
            CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> {
                try {
                    int n = f.end.sink().write(data, 0, data.length, Deadline.NONE);
                    f.end.sink().close();
                    return n;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, r -> new Thread(r, "ring-full-writer").start());
            awaitTrue("the writer parks on the full ring",
                    () -> f.word(0, RingDescriptor.PRODUCER_PARKED_OFFSET) == 1);
            assertThat(f.end.sink().free()).isZero();
            assertThat(written).isNotDone();

            assertThat(f.child.ask("drain", "READ")).isEqualTo("READ " + data.length);
            assertThat(written.get()).isEqualTo(data.length);
        }
    }

    @Test
    void writerKilledMidFrameLeavesEveryCompleteFrameThenTruncation() throws Exception {
        int size = 1000;
        // 5 frames and the partial one fit the ring: the child must not block before it prints PARTIAL.
        try (RingFixture f = RingFixture.start(tmp, 4 * CAPACITY, SpinPolicy.defaults(), "partial", "5",
                Integer.toString(size))) {
            f.child.expect("PARTIAL");
            f.child.close(); // SIGKILL, waits for the process to end
            for (int i = 0; i < 5; i++) {
                assertThat(RingFrames.read(f.end.source())).isEqualTo(RingFrames.payload(size, i));
            }
            assertThatThrownBy(() -> RingFrames.read(f.end.source()))
                    .isExactlyInstanceOf(TruncatedFrameException.class)
                    .hasMessage("stream ended inside a frame: got 504 of 1004 bytes; the peer died or closed while"
                            + " sending");
            assertThat(f.end.source().read(new byte[1], 0, 1, Deadline.NONE)).isEqualTo(-1);
        }
    }

    @Test
    void framesOfEdgeAndRandomSizesEchoBackIntact() throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(0, CAPACITY - 1, CAPACITY, CAPACITY + 1, 10 * CAPACITY, 0,
                1, CAPACITY - 4, CAPACITY - 5));
        Random random = new Random(14);
        for (int i = 0; i < 300; i++) {
            sizes.add(random.nextInt(i % 10 == 0 ? 3 * CAPACITY : 200));
        }
        try (RingFixture f = RingFixture.start(tmp, CAPACITY, SpinPolicy.defaults(), "echo")) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < sizes.size(); i++) {
                        RingFrames.write(f.end.sink(), RingFrames.payload(sizes.get(i), i));
                    }
                    f.end.sink().close();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, r -> new Thread(r, "ring-echo-writer").start());
            for (int i = 0; i < sizes.size(); i++) {
                assertThat(RingFrames.read(f.end.source())).as("frame %d of %d bytes", i, sizes.get(i))
                        .isEqualTo(RingFrames.payload(sizes.get(i), i));
            }
            assertThatThrownBy(() -> RingFrames.read(f.end.source()))
                    .isExactlyInstanceOf(EOFException.class)
                    .hasMessage("end of stream between frames");
            writer.get();
            f.child.expect("ECHOED");
        }
    }

    @Test
    void ringFileIsOwnerOnlyAndGoneOnceThePeerMapped() throws Exception {
        try (RingFixture f = RingFixture.start(tmp, CAPACITY, SpinPolicy.defaults(), "readframe")) {
            assertThat(f.file.path()).doesNotExist();
            assertThat(f.file.path().getParent()).isEqualTo(io.github.mp4j.pipe.internal.SocketFiles.privateDirectory());
            RingFrames.write(f.end.sink(), new byte[0]);
            assertThat(f.child.expect("GOT")).isEqualTo("GOT 0 1");
        }
        SharedRingFile file = SharedRingFile.create(io.github.mp4j.pipe.internal.SocketFiles.privateDirectory(),
                CAPACITY);
        try {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
            assertThat(Files.size(file.path())).isEqualTo(RingDescriptor.fileLength(CAPACITY));
            assertThat(file.peerMapped()).isFalse();
        } finally {
            file.unlink();
        }
    }
}
