package io.github.mp4j.pipe.internal.ring;

import static io.github.mp4j.pipe.internal.ring.RingFixture.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.pipe.internal.Deadline;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlines, clean close, a closed reader and interruption, on two ends in this JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RingEndTest {
    private static final int CAPACITY = RingDescriptor.MIN_CAPACITY;

    private LocalRingPair pair;

    @BeforeEach
    void connect() throws IOException {
        pair = new LocalRingPair(CAPACITY, SpinPolicy.defaults());
    }

    @AfterEach
    void close() throws IOException {
        pair.close();
    }

    @Test
    void readOfAnEmptyRingReturnsZeroOnceTheDeadlinePasses() throws IOException {
        assertThat(pair.opener.source().read(new byte[10], 0, 10, Deadline.after(Duration.ofMillis(20))))
                .isZero();
        assertThat(pair.opener.source().read(new byte[10], 0, 10, Deadline.after(Duration.ZERO))).isZero();
    }

    @Test
    void writeToAFullRingReturnsWhatFitBeforeTheDeadline() throws IOException {
        byte[] data = new byte[CAPACITY + 100];
        assertThat(pair.creator.sink().write(data, 0, data.length, Deadline.after(Duration.ofMillis(20))))
                .isEqualTo(CAPACITY);
        assertThat(pair.creator.sink().free()).isZero();
    }

    @Test
    void cleanCloseDeliversEverythingThenEndOfStream() throws IOException {
        pair.creator.sink().write(new byte[] {5, 6, 7}, 0, 3, Deadline.NONE);
        pair.creator.sink().close();
        byte[] got = new byte[10];
        assertThat(pair.opener.source().read(got, 0, 10, Deadline.NONE)).isEqualTo(3);
        assertThat(got).startsWith(5, 6, 7);
        assertThat(pair.opener.source().read(got, 0, 10, Deadline.NONE)).isEqualTo(-1);
        assertThatThrownBy(() -> pair.creator.sink().write(got, 0, 1, Deadline.NONE))
                .isExactlyInstanceOf(ClosedChannelException.class);
    }

    @Test
    void writerParkedOnAFullRingFailsWhenTheReaderCloses() throws Exception {
        byte[] data = new byte[2 * CAPACITY];
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.creator.sink().write(data, 0, data.length, Deadline.NONE);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, r -> new Thread(r, "ring-writer").start());
        awaitTrue("the writer parks", () -> pair.ring0.words.acquireInt(
                pair.ring0.word(RingDescriptor.PRODUCER_PARKED_OFFSET)) == 1);
        pair.opener.source().close();
        assertThatThrownBy(write::get).isExactlyInstanceOf(ExecutionException.class).cause()
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("shared ring " + pair.ring0Name() + ": the reading end closed with 4096 bytes unread");
    }

    @Test
    void interruptedParkedReaderGetsInterruptedIoExceptionAndKeepsItsStatus() throws Exception {
        CompletableFuture<Thread> reader = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = CompletableFuture.supplyAsync(() -> {
            reader.complete(Thread.currentThread());
            try {
                pair.opener.source().read(new byte[1], 0, 1, Deadline.NONE);
                throw new AssertionError("read returned");
            } catch (InterruptedIOException e) {
                return e.getMessage().equals("interrupted while waiting on the ring doorbell")
                        && Thread.currentThread().isInterrupted();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, r -> new Thread(r, "ring-reader").start());
        awaitTrue("the reader parks", () -> pair.ring0.words.acquireInt(
                pair.ring0.word(RingDescriptor.CONSUMER_PARKED_OFFSET)) == 1);
        reader.get().interrupt();
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void byteBuffersOfBothKindsCrossTheWrapPointIntact() throws IOException {
        java.nio.ByteBuffer sent = java.nio.ByteBuffer.wrap(RingFrames.payload(CAPACITY - 10, 3));
        assertThat(pair.creator.sink().write(sent, Deadline.NONE)).isEqualTo(CAPACITY - 10);
        java.nio.ByteBuffer got = java.nio.ByteBuffer.allocateDirect(CAPACITY);
        while (got.position() < CAPACITY - 10) {
            pair.opener.source().read(got, Deadline.NONE);
        }
        java.nio.ByteBuffer wrapping = java.nio.ByteBuffer.allocateDirect(100);
        wrapping.put(RingFrames.payload(100, 4)).flip();
        assertThat(pair.creator.sink().write(wrapping, Deadline.NONE)).isEqualTo(100);
        assertThat(wrapping.hasRemaining()).isFalse();
        java.nio.ByteBuffer back = java.nio.ByteBuffer.allocate(100);
        while (back.hasRemaining()) {
            pair.opener.source().read(back, Deadline.NONE);
        }
        assertThat(back.array()).isEqualTo(RingFrames.payload(100, 4));
        got.flip();
        byte[] first = new byte[CAPACITY - 10];
        got.get(first);
        assertThat(first).isEqualTo(RingFrames.payload(CAPACITY - 10, 3));
    }
}
