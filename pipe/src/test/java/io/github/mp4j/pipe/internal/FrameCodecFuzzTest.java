package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TruncatedFrameException;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes {@link FrameCodec#readLength} with random, negative, huge and cut headers against {@link FrameModel}:
 * every input gives the model's length, "incomplete" without moving, or the model's exact exception, and no
 * length above the limit ever gets through (so nothing is allocated for it).
 */
class FrameCodecFuzzTest {

    @Property(tries = 50_000)
    void anyHeaderBytesGiveTheSpecifiedLengthIncompleteOrExactError(@ForAll("headers") byte[] bytes,
                                                                      @ForAll("limits") long maxFrameLength)
            throws Exception {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        FrameModel.Outcome model = FrameModel.read(bytes, maxFrameLength);
        boolean headerRefused = model.frames.isEmpty() && !(model.end instanceof TruncatedFrameException);
        if (bytes.length < headerLength(bytes)) {
            assertThat(FrameCodec.readLength(src, maxFrameLength)).isEqualTo(FrameCodec.INCOMPLETE);
            assertThat(src.position()).isZero();
        } else if (headerRefused) {
            assertThatThrownBy(() -> FrameCodec.readLength(src, maxFrameLength))
                    .isExactlyInstanceOf(model.end.getClass()).hasMessage(model.end.getMessage());
            assertThat(src.position()).isZero();
        } else {
            long length = FrameCodec.readLength(src, maxFrameLength);
            assertThat(length).isBetween(0L, maxFrameLength);
            assertThat(src.position()).isEqualTo(headerLength(bytes));
        }
    }

    @Property(tries = 10_000)
    void everyLengthWrittenIsReadBackUnderALimitAtLeastAsLarge(@ForAll("lengths") long length) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(FrameCodec.LONG_HEADER);
        FrameCodec.writeHeader(b, length);
        assertThat(b.position()).isEqualTo(FrameCodec.headerLength(length));
        b.flip();
        assertThat(FrameCodec.readLength(b.duplicate(), length)).isEqualTo(length);
        if (length > 0) {
            assertThatThrownBy(() -> FrameCodec.readLength(b.duplicate(), length - 1))
                    .hasMessageStartingWith("frame length " + length + " exceeds maxFrameLength=" + (length - 1));
        }
    }

    /** Header bytes the first frame of {@code bytes} needs: 12 after a -1 marker, else 4. */
    private static int headerLength(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == -1 ? 12 : 4;
    }

    @Provide
    Arbitrary<byte[]> headers() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        Arbitrary<byte[]> shortHeader = Arbitraries.integers()
                .map(n -> ByteBuffer.allocate(4).putInt(n).array());
        Arbitrary<byte[]> longHeader = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(4, 12))
                .as((n, cut) -> java.util.Arrays.copyOf(ByteBuffer.allocate(12).putInt(-1).putLong(n).array(), cut));
        Arbitrary<byte[]> smallLongHeader = Arbitraries.longs().between(0, 1L << 33)
                .map(n -> ByteBuffer.allocate(12).putInt(-1).putLong(n).array());
        return Arbitraries.oneOf(random, shortHeader, longHeader, smallLongHeader);
    }

    @Provide
    Arbitrary<Long> limits() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.longs().between(0, Integer.MAX_VALUE - 8L),
                Arbitraries.of(0L, 256L, 64L << 20, Integer.MAX_VALUE - 8L));
    }

    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(Integer.MAX_VALUE - 2L, Integer.MAX_VALUE + 2L),
                Arbitraries.longs().between(0, 1 << 20));
    }
}
