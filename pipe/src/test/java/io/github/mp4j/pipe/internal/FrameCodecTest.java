package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.FrameTooLargeException;
import io.github.mp4j.ProtocolException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static final long THREE_GIB = 3L * 1024 * 1024 * 1024;

    @Test
    void shortHeaderIsFourBytesBigEndian() {
        ByteBuffer b = ByteBuffer.allocate(16);
        FrameCodec.writeHeader(b, 0x01020304);
        assertThat(b.position()).isEqualTo(4);
        assertThat(b.array()).startsWith(1, 2, 3, 4);
    }

    @Test
    void payloadOver2GiBUsesMinusOneThenEightByteLengthWithoutAllocatingIt() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16);
        FrameCodec.writeHeader(b, THREE_GIB);
        assertThat(FrameCodec.headerLength(THREE_GIB)).isEqualTo(12);
        assertThat(b.flip().remaining()).isEqualTo(12);
        assertThat(b.getInt(0)).isEqualTo(-1);
        assertThat(b.getLong(4)).isEqualTo(THREE_GIB);
        assertThat(FrameCodec.readLength(b, Long.MAX_VALUE)).isEqualTo(THREE_GIB);
        assertThat(b.position()).isEqualTo(12);
    }

    @Test
    void exactly2GiBMinusOneStillUsesShortHeader() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16);
        FrameCodec.writeHeader(b, Integer.MAX_VALUE);
        assertThat(b.flip().remaining()).isEqualTo(4);
        assertThat(FrameCodec.readLength(b, Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void longHeaderFromCPythonIsDecoded() throws Exception {
        // struct.pack("!i", -1) + struct.pack("!Q", 2**31) as CPython writes it
        ByteBuffer b = ByteBuffer.wrap(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0, (byte) 0x80, 0, 0, 0});
        assertThat(FrameCodec.readLength(b, Long.MAX_VALUE)).isEqualTo(1L << 31);
    }

    @Test
    void incompleteHeaderReturnsIncompleteWithoutMoving() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0, 0, 1});
        assertThat(FrameCodec.readLength(b, 100)).isEqualTo(FrameCodec.INCOMPLETE);
        assertThat(b.position()).isZero();
        assertThat(FrameCodec.headerBytesNeeded(b)).isEqualTo(4);
        ByteBuffer longPart = ByteBuffer.wrap(new byte[] {-1, -1, -1, -1, 0, 0});
        assertThat(FrameCodec.readLength(longPart, Long.MAX_VALUE)).isEqualTo(FrameCodec.INCOMPLETE);
        assertThat(longPart.position()).isZero();
        assertThat(FrameCodec.headerBytesNeeded(longPart)).isEqualTo(12);
    }

    @Test
    void negativeLengthOtherThanMinusOneIsProtocolError() {
        ByteBuffer b = ByteBuffer.allocate(4).putInt(0, -2);
        assertThatThrownBy(() -> FrameCodec.readLength(b, 100))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("invalid frame header: negative length -2; the peer does not speak the"
                        + " multiprocessing frame protocol");
    }

    @Test
    void extendedLengthAbove2To63IsProtocolError() {
        ByteBuffer b = ByteBuffer.allocate(12).putInt(0, -1).putLong(4, -1L);
        assertThatThrownBy(() -> FrameCodec.readLength(b, Long.MAX_VALUE))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("invalid frame header: extended length 18446744073709551615 exceeds 2^63-1; the peer"
                        + " does not speak the multiprocessing frame protocol");
    }

    @Test
    void lengthOverMaximumIsRefusedNamingBothNumbers() {
        ByteBuffer b = ByteBuffer.allocate(12).putInt(0, -1).putLong(4, THREE_GIB);
        assertThatThrownBy(() -> FrameCodec.readLength(b, 67108864))
                .isExactlyInstanceOf(FrameTooLargeException.class)
                .hasMessageStartingWith("frame length 3221225472 exceeds maxFrameLength=67108864")
                .satisfies(e -> assertThat(((FrameTooLargeException) e).length()).isEqualTo(THREE_GIB));
        assertThat(b.position()).isZero();
    }

    @Test
    void negativePayloadLengthCannotBeWritten() {
        assertThatThrownBy(() -> FrameCodec.writeHeader(ByteBuffer.allocate(12), -5))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload length < 0: -5");
    }
}
