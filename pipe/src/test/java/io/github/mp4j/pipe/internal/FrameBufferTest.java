package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one output buffer: header space, capacity kept for a stream of large frames, shrinking after small ones. */
class FrameBufferTest {
    private static final int MIB = 1 << 20;

    @Test
    void payloadFollowsTheHeaderSpaceAndToArrayIsExact() {
        FrameBuffer b = new FrameBuffer(5);
        b.write(7);
        b.write(new byte[] {1, 2, 3, 4}, 1, 2);
        assertThat(b.size()).isEqualTo(8);
        assertThat(b.payloadLength()).isEqualTo(3);
        assertThat(b.toArray()).containsExactly(0, 0, 0, 0, 0, 7, 2, 3);
        b.finish();
        assertThat(b.size()).isEqualTo(5);
    }

    @Test
    void aStreamOfLargeFramesReusesOneArrayInsteadOfGrowingItAgainPerFrame() {
        FrameBuffer b = new FrameBuffer(8);
        byte[] item = new byte[MIB];
        Arrays.fill(item, (byte) 3);
        b.write(item, 0, item.length);
        byte[] grown = b.array();
        b.finish();
        for (int i = 0; i < 3 * FrameBuffer.SHRINK_AFTER; i++) {
            writeInPieces(b, item, 8192); // as Kryo's Output flushes its 8 KiB buffer
            assertThat(b.array()).as("frame %d", i).isSameAs(grown);
            assertThat(b.payloadLength()).isEqualTo(MIB);
            b.finish();
        }
        assertThat(b.capacity()).isGreaterThanOrEqualTo(MIB + 8);
    }

    @Test
    void shrinksOnlyAfterARunOfFramesUnderAQuarterOfItsCapacity() {
        FrameBuffer b = new FrameBuffer();
        b.write(new byte[4 * MIB], 0, 4 * MIB);
        b.finish();
        int large = b.capacity();
        for (int i = 1; i < FrameBuffer.SHRINK_AFTER; i++) {
            b.write(new byte[100_000], 0, 100_000);
            b.finish();
        }
        assertThat(b.capacity()).isEqualTo(large);
        b.write(new byte[200_000], 0, 200_000);
        b.finish();
        assertThat(b.capacity()).isEqualTo(200_000);
    }

    @Test
    void aLargeFrameInTheRunKeepsTheCapacity() {
        FrameBuffer b = new FrameBuffer();
        b.write(new byte[4 * MIB], 0, 4 * MIB);
        b.finish();
        int large = b.capacity();
        for (int i = 0; i < 3 * FrameBuffer.SHRINK_AFTER; i++) {
            int n = i % (FrameBuffer.SHRINK_AFTER / 2) == 0 ? 3 * MIB : 1000;
            b.write(new byte[n], 0, n);
            b.finish();
        }
        assertThat(b.capacity()).isEqualTo(large);
    }

    @Test
    void refusesBadRangesAndHeadroom() {
        FrameBuffer b = new FrameBuffer();
        assertThatThrownBy(() -> b.write(new byte[4], 3, 2)).isExactlyInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("offset 3, length 2, array 4");
        assertThatThrownBy(() -> new FrameBuffer(-1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("headroom -1 is not in 0.." + FrameBuffer.INITIAL);
    }

    private static void writeInPieces(FrameBuffer b, byte[] item, int piece) {
        for (int off = 0; off < item.length; off += piece) {
            b.write(item, off, Math.min(piece, item.length - off));
        }
    }
}
