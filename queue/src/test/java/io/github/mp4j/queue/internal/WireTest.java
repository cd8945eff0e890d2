package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue protocol's message codec and batches, without sockets. */
class WireTest {

    @Test
    void headerCarriesOpAndArgument() throws Exception {
        byte[] m = Wire.message(Wire.CREDIT, 0x01020304);
        assertThat(m).containsExactly(Wire.CREDIT, 1, 2, 3, 4);
        assertThat(Wire.op(m)).isEqualTo(Wire.CREDIT);
        assertThat(Wire.arg(m)).isEqualTo(0x01020304);
        assertThat(Wire.arg(Wire.message(Wire.CANCEL, -7))).isEqualTo(-7);
    }

    @Test
    void textMessageCarriesOpArgumentAndUtf8Body() throws Exception {
        byte[] m = Wire.textMessage(Wire.PAGE, 7, "/tmp/d\u00e9j\u00e0/q1.s2");
        assertThat(Wire.op(m)).isEqualTo(Wire.PAGE);
        assertThat(Wire.arg(m)).isEqualTo(7);
        assertThat(Wire.text(m)).isEqualTo("/tmp/d\u00e9j\u00e0/q1.s2");
    }

    @Test
    void replyCarriesIdStatusAndValue() throws Exception {
        byte[] m = Wire.reply(42, Wire.CANCELLED, 1L << 40 | 5);
        assertThat(Wire.op(m)).isEqualTo(Wire.REPLY);
        assertThat(Wire.arg(m)).isEqualTo(42);
        assertThat(Wire.replyStatus(m)).isEqualTo(Wire.CANCELLED);
        assertThat(Wire.replyValue(m)).isEqualTo(1L << 40 | 5);
    }

    @Test
    void shortMessagesAreProtocolErrors() {
        assertThatThrownBy(() -> Wire.op(new byte[3])).isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("queue message of 3 bytes is shorter than its 5-byte header");
        assertThatThrownBy(() -> Wire.replyStatus(Wire.message(Wire.REPLY, 1)))
                .isExactlyInstanceOf(ProtocolException.class).hasMessage("REPLY message must be 14 bytes, got 5");
    }

    @Test
    void batchHoldsLengthPrefixedMessages() {
        io.github.mp4j.pipe.internal.FrameBuffer b = new io.github.mp4j.pipe.internal.FrameBuffer(Wire.HEADER);
        b.write(new byte[300], 0, 300); // a used buffer: startBatch empties it
        Wire.startBatch(b);
        byte[] first = Wire.reply(1, Wire.OK, 9);
        byte[] second = Wire.message(Wire.ITEM, 0);
        Wire.addToBatch(b, first);
        Wire.addToBatch(b, second);
        byte[] frame = java.util.Arrays.copyOf(b.array(), b.size());
        assertThat(frame[0]).isEqualTo(Wire.BATCH);
        assertThat(Wire.arg(frame)).isEqualTo(2);
        assertThat(Wire.getInt(frame, 5)).isEqualTo(first.length);
        assertThat(java.util.Arrays.copyOfRange(frame, 9, 9 + first.length)).isEqualTo(first);
        assertThat(Wire.getInt(frame, 9 + first.length)).isEqualTo(second.length);
        assertThat(frame).hasSize(5 + 4 + first.length + 4 + second.length);
        assertThat(Wire.batchable(new byte[Wire.MAX_BATCHED_MESSAGE])).isTrue();
        assertThat(Wire.batchable(new byte[Wire.MAX_BATCHED_MESSAGE + 1])).isFalse();
    }

    @Test
    void processToOwnerOpsAreNumberedWithoutAGapAndOwnerToProcessOpsStartAt20() {
        assertThat(List.of(Wire.HELLO, Wire.PUT, Wire.PUT_NOWAIT, Wire.PUT_WAIT, Wire.CREDIT, Wire.READ_PAGE,
                Wire.CANCEL_CREDITS, Wire.CANCEL, Wire.QSIZE, Wire.TASK_DONE, Wire.JOIN, Wire.DECODE_FAILED,
                Wire.TASK_COUNT)).containsExactly((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6,
                (byte) 7, (byte) 8, (byte) 9, (byte) 10, (byte) 11, (byte) 12, (byte) 13);
        assertThat(List.of(Wire.ITEM, Wire.REPLY, Wire.BATCH, Wire.PAGE, Wire.UNFENCE, Wire.REFUSED))
                .containsExactly((byte) 20, (byte) 21, (byte) 22, (byte) 23, (byte) 24, (byte) 25);
    }

    @Test
    void replyPartsAreReadInPlaceInsideALargerArray() throws Exception {
        byte[] reply = Wire.reply(42, Wire.CANCELLED, 7);
        byte[] frame = new byte[3 + reply.length + 2];
        System.arraycopy(reply, 0, frame, 3, reply.length);
        assertThat(Wire.op(frame, 3, reply.length)).isEqualTo(Wire.REPLY);
        assertThat(Wire.arg(frame, 3)).isEqualTo(42);
        assertThat(Wire.replyStatus(frame, 3, reply.length)).isEqualTo(Wire.CANCELLED);
        assertThat(Wire.replyValue(frame, 3)).isEqualTo(7);
        assertThatThrownBy(() -> Wire.replyStatus(frame, 3, reply.length + 1))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("REPLY message must be 14 bytes, got 15");
    }
}
