package io.github.mp4j.pipe.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.RingConnection;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §4 at the level users see: a {@link Connection} over shared-memory rings whose file a hostile peer
 * scribbles on. The end that meets the broken counter gets {@link ProtocolException} naming the ring and the broken
 * condition, and that connection closes (as after a malformed header on a socket); its peer sees the end of the
 * stream after every byte that was published; other connections of this process (another ring connection, a socket
 * pipe) lose nothing and keep working. Both ends live in this JVM with their own mappings of one file (what two
 * processes see); the scribbling goes through a third view ({@link LocalRingPair}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RingConnectionCorruptionTest {
    private static final int CAPACITY = RingDescriptor.MIN_CAPACITY;

    private LocalRingPair hostile;
    private RingConnection creator;
    private RingConnection opener;
    private LocalRingPair bystanderPair;
    private RingConnection bystanderA;
    private RingConnection bystanderB;
    private Pipe sockets;

    @BeforeEach
    void connect() throws IOException {
        hostile = new LocalRingPair(CAPACITY, SpinPolicy.PARK_AT_ONCE);
        creator = new RingConnection(hostile.creator, ConnectionOptions.defaults(), true, true);
        opener = new RingConnection(hostile.opener, ConnectionOptions.defaults(), true, true);
        bystanderPair = new LocalRingPair(CAPACITY, SpinPolicy.defaults());
        bystanderA = new RingConnection(bystanderPair.creator, ConnectionOptions.defaults(), true, true);
        bystanderB = new RingConnection(bystanderPair.opener, ConnectionOptions.defaults(), true, true);
        sockets = Pipe.open(true);
    }

    @AfterEach
    void close() throws IOException {
        creator.close();
        opener.close();
        bystanderA.close();
        bystanderB.close();
        sockets.close();
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void tailGoingBackwardsFailsTheReceivingConnectionOnly() throws IOException {
        sendToBystanders();
        creator.sendBytes(pattern(100, 1));
        assertThat(opener.recvBytes()).isEqualTo(pattern(100, 1));
        creator.sendBytes(pattern(100, 2));
        hostile.poke(RingDescriptor.TAIL_OFFSET, 1);

        assertThatThrownBy(opener::recvBytes).isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring " + hostile.ring0Name() + " is corrupt: tail went backwards from 104 to 1");
        assertThat(opener.isClosed()).as("the connection over the corrupt ring is closed").isTrue();
        assertThatThrownBy(opener::recvBytes).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> opener.sendBytes(new byte[1])).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(creator::recvBytes).as("the peer sees the end of the stream")
                .isExactlyInstanceOf(EOFException.class);

        assertBystandersUnharmed();
    }

    @Test
    void headPastTheTailFailsTheSendingConnectionOnlyAndItsPeerGetsEveryPublishedByte() throws IOException {
        sendToBystanders();
        opener.sendBytes(pattern(100, 3));
        assertThat(creator.recvBytes()).isEqualTo(pattern(100, 3));
        hostile.poke1(RingDescriptor.HEAD_OFFSET, 1L << 40);

        assertThatThrownBy(() -> opener.sendBytes(pattern(5000, 4))).isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring " + hostile.ring1Name() + " is corrupt: head moved from 0 to 1099511627776"
                        + " with tail 4096 (it may only grow, up to the tail)");
        assertThat(opener.isClosed()).as("the connection over the corrupt ring is closed").isTrue();
        assertThatThrownBy(() -> opener.sendBytes(new byte[1])).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThat(hostile.peek1(RingDescriptor.TAIL_OFFSET)).as("bytes of the cut frame that were published")
                .isEqualTo(4096);
        assertThatThrownBy(creator::recvBytes).as("the peer gets the published part of the frame, then its end")
                .isExactlyInstanceOf(TruncatedFrameException.class)
                .hasMessage(new TruncatedFrameException(5004, 3992).getMessage());

        assertBystandersUnharmed();
    }

    /** Frames the other connections hold, unread, while the hostile peer scribbles. */
    private void sendToBystanders() throws IOException {
        bystanderA.sendBytes(pattern(50, 9));
        sockets.first().sendBytes(pattern(40, 10));
    }

    /** The other ring connection and the socket pipe deliver what was sent before and after, both ways. */
    private void assertBystandersUnharmed() throws IOException {
        bystanderA.sendBytes(pattern(60, 8));
        bystanderB.sendBytes(pattern(70, 7));
        sockets.first().sendBytes(pattern(80, 6));
        assertThat(bystanderB.recvBytes()).isEqualTo(pattern(50, 9));
        assertThat(bystanderB.recvBytes()).isEqualTo(pattern(60, 8));
        assertThat(bystanderA.recvBytes()).isEqualTo(pattern(70, 7));
        assertThat(sockets.second().recvBytes()).isEqualTo(pattern(40, 10));
        assertThat(sockets.second().recvBytes()).isEqualTo(pattern(80, 6));
        sockets.second().sendBytes(pattern(90, 5));
        assertThat(sockets.first().recvBytes()).isEqualTo(pattern(90, 5));
    }
}
