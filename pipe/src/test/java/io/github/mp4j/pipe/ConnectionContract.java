package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.BufferTooShortException;
import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.FrameTooLargeException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.SerializerMismatchException;
import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.PayloadArrays;
import io.github.mp4j.pipe.internal.SocketConnection;
import io.github.mp4j.pipe.internal.Waiting;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.example.mp4j.geometry.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link Connection} contract, ported from CPython's {@code _TestConnection}, {@code _TestPoll} and
 * {@code _TestListener}; each subclass supplies connected pairs over one transport.
 */
@Timeout(60)
abstract class ConnectionContract {
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Two connected duplex ends made with {@code options} (the subclass adds an authkey where needed). */
    protected abstract Connection[] openPair(ConnectionOptions options) throws Exception;

    /** The socket family of this transport, for raw-socket peers. */
    protected abstract StandardProtocolFamily family();

    protected final Connection[] pair() throws Exception {
        return pair(ConnectionOptions.defaults());
    }

    protected final Connection[] pair(ConnectionOptions options) throws Exception {
        Connection[] p = openPair(options);
        resources.add(p[0]);
        resources.add(p[1]);
        return p;
    }

    protected final <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    /** A blocking raw socket whose peer is a {@link SocketConnection}: to write malformed frames. */
    protected final RawPeer rawPeer(ConnectionOptions options) throws Exception {
        ServerSocketChannel server;
        Path file = null;
        if (family() == StandardProtocolFamily.UNIX) {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            file = Files.createTempDirectory("mp4j-raw").resolve("raw.sock");
            server.bind(UnixDomainSocketAddress.of(file));
        } else {
            server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        }
        try (server) {
            SocketChannel raw = track(SocketChannel.open(server.getLocalAddress()));
            SocketConnection conn = track(new SocketConnection(server.accept(), options, true, true));
            return new RawPeer(raw, conn);
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            }
        }
    }

    /** A raw socket and the connection at its other end. */
    protected static final class RawPeer {
        final SocketChannel raw;
        final SocketConnection conn;

        RawPeer(SocketChannel raw, SocketConnection conn) {
            this.raw = raw;
            this.conn = conn;
        }

        void write(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                raw.write(b);
            }
        }
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    // ------------------------------------------------------------------ bytes

    @Test
    void sendBytesArrivesAsOneFrame() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes("hello".getBytes());
        assertThat(p[1].recvBytes()).isEqualTo("hello".getBytes());
        p[1].sendBytes("back".getBytes());
        assertThat(p[0].recvBytes()).isEqualTo("back".getBytes());
    }

    @Test
    void emptyMessagesAreFrames() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes(new byte[0]);
        p[0].sendBytes(new byte[0]);
        p[0].sendBytes(new byte[] {7});
        assertThat(p[1].recvBytes()).isEmpty();
        assertThat(p[1].recvBytes()).isEmpty();
        assertThat(p[1].recvBytes()).containsExactly(7);
    }

    @Test
    void messageBoundariesAreKeptAndMessagesNotMerged() throws Exception {
        Connection[] p = pair();
        int[] sizes = {1, 2, 3, 100, 65531, 65532, 65536, 70000, 200_000, 0, 5};
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            int seed = i;
            TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
                p[0].sendBytes(pattern(size, seed));
                return null;
            });
            assertThat(p[1].recvBytes()).as("frame %d of %d bytes", i, size).isEqualTo(pattern(size, seed));
            sender.get();
        }
        p[0].sendBytes("ab".getBytes());
        p[0].sendBytes("c".getBytes());
        assertThat(p[1].recvBytes()).isEqualTo("ab".getBytes());
        assertThat(p[1].recvBytes()).isEqualTo("c".getBytes());
    }

    @Test
    void sixteenMiBMessageRoundTrips() throws Exception {
        Connection[] p = pair();
        byte[] big = pattern(16 * 1024 * 1024, 3);
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].sendBytes(big);
            return null;
        });
        assertThat(Arrays.equals(p[1].recvBytes(), big)).isTrue();
        sender.get();
    }

    @Test
    void sendBytesWithOffsetAndSizeSendsTheSlice() throws Exception {
        Connection[] p = pair();
        byte[] buf = "0123456789".getBytes();
        p[0].sendBytes(buf, 2, 5);
        p[0].sendBytes(buf, 10, 0);
        p[0].sendBytes(buf, 0, 10);
        assertThat(p[1].recvBytes()).isEqualTo("23456".getBytes());
        assertThat(p[1].recvBytes()).isEmpty();
        assertThat(p[1].recvBytes()).isEqualTo(buf);
    }

    @Test
    void framesAroundTheDirectBufferSizesRoundTripInBothDirections() throws Exception {
        Connection[] p = pair();
        int mib = 1024 * 1024;
        int[] sizes = {1, 64 * 1024 + 1, 256 * 1024 - 4, 256 * 1024 - 3, 256 * 1024, 256 * 1024 + 1, 3 * mib, 0, 5,
            3 * mib + 3, 64 * 1024 + 1, 2};
        for (int dir = 0; dir < 2; dir++) {
            Connection from = p[dir];
            Connection to = p[1 - dir];
            TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
                for (int i = 0; i < sizes.length; i++) {
                    from.sendBytes(pattern(sizes[i], i));
                }
                return null;
            });
            for (int i = 0; i < sizes.length; i++) {
                byte[] got = to.recvBytes();
                assertThat(got.length).as("length of frame %d", i).isEqualTo(sizes[i]);
                assertThat(Arrays.equals(got, pattern(sizes[i], i))).as("content of frame %d", i).isTrue();
            }
            sender.get();
        }
    }

    @Test
    void largeSendBytesSlicesSendOnlyTheSlice() throws Exception {
        Connection[] p = pair();
        int mib = 1024 * 1024;
        byte[] buf = pattern(3 * mib + 20, 4);
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].sendBytes(buf, 7, 3 * mib);
            p[0].sendBytes(buf, 3 * mib + 20 - (64 * 1024 + 1), 64 * 1024 + 1);
            p[0].sendBytes(buf, 3, 256 * 1024 + 1);
            return null;
        });
        assertThat(Arrays.equals(p[1].recvBytes(), Arrays.copyOfRange(buf, 7, 7 + 3 * mib))).isTrue();
        assertThat(Arrays.equals(p[1].recvBytes(), Arrays.copyOfRange(buf, 3 * mib + 20 - (64 * 1024 + 1),
                3 * mib + 20))).isTrue();
        byte[] into = new byte[256 * 1024 + 10];
        assertThat(p[1].recvBytesInto(into, 9)).isEqualTo(256 * 1024 + 1);
        assertThat(Arrays.equals(into, 9, 9 + 256 * 1024 + 1, buf, 3, 3 + 256 * 1024 + 1)).isTrue();
        assertThat(into).startsWith(new byte[9]);
        sender.get();
    }

    @Test
    void largeAndSmallObjectsAlternateThroughTheSerializer() throws Exception {
        Connection[] p = pair();
        byte[] big = pattern(3 * 1024 * 1024, 6);
        byte[] justOver = pattern(64 * 1024 + 1, 7);
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].send(big);
            p[0].send("small");
            p[0].send(justOver);
            p[0].send(big);
            return null;
        });
        assertThat(Arrays.equals(p[1].recv(byte[].class), big)).isTrue();
        assertThat(p[1].recv()).isEqualTo("small");
        assertThat(Arrays.equals(p[1].recv(byte[].class), justOver)).isTrue();
        assertThat(Arrays.equals(p[1].recv(byte[].class), big)).isTrue();
        sender.get();
    }

    @Test
    void sendBytesRejectsBadOffsetAndSizeWithCPythonWording() throws Exception {
        Connection c = pair()[0];
        byte[] buf = new byte[10];
        assertThatThrownBy(() -> c.sendBytes(buf, -1, 1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset is negative");
        assertThatThrownBy(() -> c.sendBytes(buf, 11, 0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer length < offset");
        assertThatThrownBy(() -> c.sendBytes(buf, 0, -1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("size is negative");
        assertThatThrownBy(() -> c.sendBytes(buf, 5, 6)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer length < offset + size");
        assertThatThrownBy(() -> c.sendBytes(buf, 1, Integer.MAX_VALUE))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("buffer length < offset + size");
    }

    @Test
    void recvBytesOverMaxLengthFailsAndEndStopsBeingReadable() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes(new byte[10]);
        assertThatThrownBy(() -> p[1].recvBytes(9)).isExactlyInstanceOf(IOException.class)
                .hasMessage("bad message length");
        assertThat(p[1].isReadable()).isFalse();
        assertThat(p[1].isClosed()).isFalse();
        assertThatThrownBy(() -> p[1].recvBytes()).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("connection is write-only");
        p[1].sendBytes(new byte[] {1});
        assertThat(p[0].recvBytes()).containsExactly(1);
    }

    @Test
    void recvBytesAtExactlyMaxLengthSucceeds() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes(new byte[10]);
        assertThat(p[1].recvBytes(10)).hasSize(10);
        assertThatThrownBy(() -> p[1].recvBytes(-1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative maxlength");
    }

    @Test
    void recvBytesIntoWritesAtOffsetAndReturnsLength() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes("abc".getBytes());
        byte[] buf = new byte[6];
        assertThat(p[1].recvBytesInto(buf, 2)).isEqualTo(3);
        assertThat(buf).containsExactly(0, 0, 'a', 'b', 'c', 0);
        p[0].sendBytes("xyz".getBytes());
        assertThat(p[1].recvBytesInto(buf)).isEqualTo(3);
        assertThat(buf).startsWith('x', 'y', 'z');
    }

    @Test
    void recvBytesIntoTooShortCarriesWholeMessageAndConsumesIt() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes("abcdef".getBytes());
        p[0].sendBytes("next".getBytes());
        byte[] buf = new byte[8];
        assertThatThrownBy(() -> p[1].recvBytesInto(buf, 3)).isExactlyInstanceOf(BufferTooShortException.class)
                .hasMessage("buffer too short: message of 6 bytes, room for 5")
                .satisfies(e -> assertThat(((BufferTooShortException) e).message()).isEqualTo("abcdef".getBytes()));
        assertThat(buf).containsOnly(0);
        assertThat(p[1].recvBytes()).isEqualTo("next".getBytes());
    }

    @Test
    void recvBytesIntoRejectsBadOffsets() throws Exception {
        Connection c = pair()[0];
        assertThatThrownBy(() -> c.recvBytesInto(new byte[4], -1))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("negative offset");
        assertThatThrownBy(() -> c.recvBytesInto(new byte[4], 5))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("offset too large");
    }

    @Test
    void largeFrameIntoCallerBuffer() throws Exception {
        Connection[] p = pair();
        byte[] big = pattern(300_000, 9);
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].sendBytes(big);
            return null;
        });
        byte[] buf = new byte[300_001];
        assertThat(p[1].recvBytesInto(buf, 1)).isEqualTo(300_000);
        assertThat(Arrays.equals(buf, 1, 300_001, big, 0, 300_000)).isTrue();
        sender.get();
    }

    // ------------------------------------------------------------------ EOF and malformed streams

    @Test
    void recvAfterPeerClosedRaisesEofAfterPendingFrames() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes("one".getBytes());
        p[0].sendBytes("two".getBytes());
        p[0].close();
        assertThat(p[1].recvBytes()).isEqualTo("one".getBytes());
        assertThat(p[1].recvBytes()).isEqualTo("two".getBytes());
        assertThatThrownBy(() -> p[1].recvBytes()).isExactlyInstanceOf(EOFException.class)
                .hasMessage("the peer closed the connection");
        assertThatThrownBy(() -> p[1].recv()).isExactlyInstanceOf(EOFException.class);
        assertThat(p[1].isClosed()).isFalse();
    }

    @Test
    void pollIsTrueWhenPeerClosed() throws Exception {
        Connection[] p = pair();
        p[0].close();
        assertThat(p[1].poll(Duration.ofSeconds(30))).isTrue();
        assertThat(p[1].poll()).isTrue();
    }

    @Test
    void eofInsidePayloadIsTruncatedFrameAndClosesConnection() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.allocate(7).putInt(10).put(new byte[] {1, 2, 3}).flip());
        peer.raw.close();
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(TruncatedFrameException.class)
                .hasMessage("stream ended inside a frame: got 7 of 14 bytes; the peer died or closed while"
                        + " sending");
        assertThat(peer.conn.isClosed()).isTrue();
    }

    @Test
    void eofInsideHeaderIsTruncatedFrame() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.wrap(new byte[] {0, 0}));
        peer.raw.close();
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(TruncatedFrameException.class)
                .hasMessageStartingWith("stream ended inside a frame: got 2 of 4 bytes");
    }

    @Test
    void eofInsideLargePayloadIsTruncatedFrame() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.allocate(4 + 100_000).putInt(200_000).position(4 + 100_000).flip());
        peer.raw.close();
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(TruncatedFrameException.class)
                .hasMessageStartingWith("stream ended inside a frame: got 100004 of 200004 bytes");
        assertThat(peer.conn.isClosed()).isTrue();
    }

    @Test
    void negativeLengthHeaderIsProtocolErrorAndClosesConnection() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.allocate(8).putInt(-7).putInt(0).flip());
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("invalid frame header: negative length -7; the peer does not speak the"
                        + " multiprocessing frame protocol");
        assertThat(peer.conn.isClosed()).isTrue();
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void oversizedHeaderIsRefusedBeforeAllocation() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.builder().maxFrameLength(1024).build());
        peer.write(ByteBuffer.allocate(4).putInt(1025).flip());
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(FrameTooLargeException.class)
                .hasMessageStartingWith("frame length 1025 exceeds maxFrameLength=1024");
        assertThat(peer.conn.isClosed()).isTrue();
    }

    @Test
    void receiveLentFillsTheLentArrayOrANewExactOne() throws Exception {
        Connection[] p = pair();
        byte[] big = pattern(300 * 1024, 8);
        byte[] small = pattern(100, 9);
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].sendBytes(big);
            p[0].sendBytes(small);
            p[0].sendBytes(big, 5, 200 * 1024);
            return null;
        });
        AbstractConnection in = Waiting.transportOf(p[1]);
        byte[] lent = new byte[400 * 1024];
        Arrays.fill(lent, (byte) 0x5A);
        List<Integer> asked = new ArrayList<>();
        PayloadArrays lendForBigOnly = len -> {
            asked.add(len);
            return len == big.length ? lent : null;
        };

        PayloadArrays.Received first = in.receiveLent(lendForBigOnly);
        assertThat(first.array()).isSameAs(lent);
        assertThat(first.length()).isEqualTo(big.length);
        assertThat(Arrays.equals(lent, 0, big.length, big, 0, big.length)).isTrue();
        assertThat(lent[big.length]).as("nothing written past the payload").isEqualTo((byte) 0x5A);
        PayloadArrays.Received second = in.receiveLent(lendForBigOnly);
        assertThat(second.array()).isEqualTo(small);
        assertThat(second.length()).isEqualTo(100);
        PayloadArrays.Received third = in.receiveLent(lendForBigOnly);
        assertThat(third.array()).isEqualTo(Arrays.copyOfRange(big, 5, 5 + 200 * 1024));
        assertThat(third.length()).isEqualTo(200 * 1024);
        assertThat(asked).containsExactly(big.length, 100, 200 * 1024);
        sender.get();
    }

    @Test
    void receiveLentRefusesAnOversizedHeaderBeforeAskingForAnArray() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.builder().maxFrameLength(1024).build());
        peer.write(ByteBuffer.allocate(4).putInt(1025).flip());
        List<Integer> asked = new ArrayList<>();
        AbstractConnection in = Waiting.transportOf(peer.conn);
        assertThatThrownBy(() -> in.receiveLent(len -> {
            asked.add(len);
            return null;
        })).isExactlyInstanceOf(FrameTooLargeException.class)
                .hasMessageStartingWith("frame length 1025 exceeds maxFrameLength=1024");
        assertThat(asked).isEmpty();
        assertThat(peer.conn.isClosed()).isTrue();
    }

    @Test
    void extendedHeaderBeyondLimitIsRefused() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.allocate(12).putInt(-1).putLong(5L << 30).flip());
        assertThatThrownBy(() -> peer.conn.recvBytes()).isExactlyInstanceOf(FrameTooLargeException.class)
                .hasMessageStartingWith("frame length 5368709120 exceeds maxFrameLength=67108864");
    }

    @Test
    void framesFromRawWriterSplitAcrossWritesAreReassembled() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        ByteBuffer frames = ByteBuffer.allocate(4 + 3 + 4 + 2).putInt(3).put("abc".getBytes()).putInt(2)
                .put("de".getBytes()).flip();
        for (int i = 0; i < frames.limit(); i++) {
            peer.write(ByteBuffer.wrap(new byte[] {frames.get(i)}));
        }
        assertThat(peer.conn.recvBytes()).isEqualTo("abc".getBytes());
        assertThat(peer.conn.recvBytes()).isEqualTo("de".getBytes());
    }

    // ------------------------------------------------------------------ poll

    @Test
    void pollWithNegativeTimeoutReturnsAtOnce() throws Exception {
        Connection[] p = pair();
        assertThat(p[1].poll(Duration.ofSeconds(-5))).isFalse();
        assertThat(p[1].poll()).isFalse();
        assertThat(p[1].poll(Duration.ZERO)).isFalse();
    }

    @Test
    void pollWithPositiveTimeoutReturnsFalseWhenNothingArrives() throws Exception {
        Connection[] p = pair();
        assertThat(p[1].poll(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void pollSeesDataSentLaterAndNeverConsumes() throws Exception {
        Connection[] p = pair();
        TestThreads.Started<Boolean> poller = TestThreads.start("poller",
                () -> p[1].poll(Duration.ofSeconds(30)));
        TestThreads.awaitBlockedInSelect(poller.thread);
        p[0].sendBytes("x".getBytes());
        assertThat(poller.get()).isTrue();
        assertThat(p[1].poll()).isTrue();
        assertThat(p[1].poll(Duration.ofSeconds(-1))).isTrue();
        assertThat(p[1].recvBytes()).isEqualTo("x".getBytes());
        assertThat(p[1].poll()).isFalse();
    }

    // ------------------------------------------------------------------ concurrency, close, interrupts

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        Connection[] p = pair();
        int threads = 4;
        int perThread = 300;
        CountDownLatch go = new CountDownLatch(1);
        List<TestThreads.Started<Void>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            senders.add(TestThreads.start("sender-" + t, () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    int size = 8 + ((i * 7919 + id * 104729) % 3 == 0 ? 100_000 : i % 500);
                    ByteBuffer frame = ByteBuffer.allocate(size).putInt(id).putInt(i);
                    while (frame.hasRemaining()) {
                        frame.put((byte) (id * 31 + i));
                    }
                    p[0].sendBytes(frame.array());
                }
                return null;
            }));
        }
        go.countDown();
        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            ByteBuffer frame = ByteBuffer.wrap(p[1].recvBytes());
            int id = frame.getInt();
            int i = frame.getInt();
            assertThat(i).as("sequence of sender %d", id).isEqualTo(next[id]++);
            byte[] expected = new byte[frame.remaining()];
            Arrays.fill(expected, (byte) (id * 31 + i));
            byte[] actual = new byte[frame.remaining()];
            frame.get(actual);
            assertThat(Arrays.equals(actual, expected)).as("frame %d of sender %d intact", i, id).isTrue();
        }
        for (TestThreads.Started<Void> s : senders) {
            s.get();
        }
    }

    @Test
    void closeWakesThreadBlockedInRecv() throws Exception {
        Connection[] p = pair();
        TestThreads.Started<byte[]> receiver = TestThreads.start("receiver", p[1]::recvBytes);
        TestThreads.awaitBlockedInSelect(receiver.thread);
        p[1].close();
        assertThatThrownBy(receiver::get).isExactlyInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(ConnectionClosedException.class).hasMessage("connection is closed");
    }

    @Test
    void closeWakesThreadBlockedInPoll() throws Exception {
        Connection[] p = pair();
        TestThreads.Started<Boolean> poller = TestThreads.start("poller", () -> p[1].poll(Duration.ofSeconds(50)));
        TestThreads.awaitBlockedInSelect(poller.thread);
        p[1].close();
        assertThatThrownBy(poller::get).cause().isExactlyInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void interruptWhileWaitingForFrameKeepsConnectionUsable() throws Exception {
        Connection[] p = pair();
        TestThreads.Started<Boolean> receiver = TestThreads.start("receiver", () -> {
            try {
                p[1].recvBytes();
                return false;
            } catch (InterruptedIOException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        TestThreads.awaitBlockedInSelect(receiver.thread);
        receiver.thread.interrupt();
        assertThat(receiver.get()).as("interrupt status kept").isTrue();
        assertThat(p[1].isClosed()).isFalse();
        p[0].sendBytes("still here".getBytes());
        assertThat(p[1].recvBytes()).isEqualTo("still here".getBytes());
    }

    @Test
    void interruptWhileSmallFrameIsHalfArrivedConsumesNothing() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.allocate(6).putInt(4).put(new byte[] {1, 2}).flip());
        TestThreads.Started<Boolean> receiver = TestThreads.start("receiver", () -> {
            try {
                peer.conn.recvBytes();
                return false;
            } catch (InterruptedIOException e) {
                return true;
            }
        });
        TestThreads.awaitBlockedInSelect(receiver.thread);
        receiver.thread.interrupt();
        assertThat(receiver.get()).isTrue();
        peer.write(ByteBuffer.wrap(new byte[] {3, 4}));
        assertThat(peer.conn.recvBytes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void interruptInsideLargeFrameClosesConnection() throws Exception {
        RawPeer peer = rawPeer(ConnectionOptions.defaults());
        peer.write(ByteBuffer.allocate(4 + 100_000).putInt(200_000).position(4 + 100_000).flip());
        TestThreads.Started<String> receiver = TestThreads.start("receiver", () -> {
            try {
                peer.conn.recvBytes();
                return "received";
            } catch (InterruptedIOException e) {
                return e.getMessage();
            }
        });
        TestThreads.awaitBlockedInSelect(receiver.thread);
        receiver.thread.interrupt();
        assertThat(receiver.get()).isEqualTo("interrupted inside a frame of 200000 bytes after 100000; the"
                + " connection is closed because the frame cannot be resumed");
        assertThat(peer.conn.isClosed()).isTrue();
    }

    @Test
    void closeWakesSenderBlockedOnFullSocket() throws Exception {
        Connection[] p = pair();
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].sendBytes(new byte[64 * 1024 * 1024 - 8]);
            return null;
        });
        TestThreads.awaitBlockedInSelect(sender.thread);
        p[0].close();
        assertThatThrownBy(sender::get).cause().isExactlyInstanceOf(ConnectionClosedException.class)
                .hasMessage("connection is closed");
    }

    @Test
    void interruptWhileFrameIsPartlySentClosesConnection() throws Exception {
        Connection[] p = pair();
        TestThreads.Started<String> sender = TestThreads.start("sender", () -> {
            try {
                p[0].sendBytes(new byte[64 * 1024 * 1024 - 8]);
                return "sent";
            } catch (InterruptedIOException e) {
                return e.getMessage();
            }
        });
        TestThreads.awaitBlockedInSelect(sender.thread);
        sender.thread.interrupt();
        assertThat(sender.get()).isEqualTo("interrupted while sending a frame; the connection is closed because"
                + " the frame was partly sent");
        assertThat(p[0].isClosed()).isTrue();
    }

    @Test
    void alreadyInterruptedThreadGetsInterruptedIoException() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes(new byte[1]);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> p[1].recvBytes()).isExactlyInstanceOf(InterruptedIOException.class)
                    .hasMessage("interrupted while waiting to receive");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(p[1].recvBytes()).hasSize(1);
    }

    @Test
    void useAfterCloseRaisesConnectionClosedAndCloseIsIdempotent() throws Exception {
        Connection c = pair()[0];
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThatThrownBy(() -> c.sendBytes(new byte[1])).isExactlyInstanceOf(ConnectionClosedException.class)
                .hasMessage("connection is closed");
        assertThatThrownBy(c::recvBytes).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> c.send("x")).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(c::recv).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(c::poll).isExactlyInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void sendToClosedPeerFailsWithIoException() throws Exception {
        Connection[] p = pair();
        p[1].close();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                p[0].sendBytes(new byte[100_000]);
            }
        }).isInstanceOf(IOException.class);
    }

    // ------------------------------------------------------------------ wait

    @Test
    void waitReturnsReadySubsetOrEmptyOnTimeout() throws Exception {
        Connection[] a = pair();
        Connection[] b = pair();
        List<Connection> both = List.of(a[1], b[1]);
        assertThat(Connections.wait(both, Duration.ofMillis(100))).isEmpty();
        assertThat(Connections.wait(both, Duration.ofSeconds(-1))).isEmpty();
        b[0].sendBytes("b".getBytes());
        assertThat(Connections.wait(both, Duration.ofSeconds(30))).containsExactly(b[1]);
        a[0].close();
        assertThat(Connections.wait(both)).containsExactly(a[1], b[1]);
        assertThat(b[1].recvBytes()).isEqualTo("b".getBytes());
        assertThat(Connections.wait(both, Duration.ofSeconds(30))).containsExactly(a[1]);
    }

    @Test
    void waitWakesWhenDataArrives() throws Exception {
        Connection[] a = pair();
        TestThreads.Started<List<Connection>> waiter = TestThreads.start("waiter",
                () -> Connections.wait(List.of(a[1])));
        TestThreads.awaitBlockedInSelect(waiter.thread);
        a[0].sendBytes(new byte[3]);
        assertThat(waiter.get()).containsExactly(a[1]);
    }

    // ------------------------------------------------------------------ objects

    @Test
    void objectsRoundTripThroughTheDefaultSerializer() throws Exception {
        Connection[] p = pair();
        p[0].send("text");
        p[0].send(List.of(1, 2, 3));
        p[0].send(Map.of("k", 42L));
        p[0].send(null);
        assertThat(p[1].recv()).isEqualTo("text");
        assertThat(p[1].recv()).isEqualTo(List.of(1, 2, 3));
        assertThat(p[1].recv(Map.class)).isEqualTo(Map.of("k", 42L));
        assertThat(p[1].recv()).isNull();
    }

    @Test
    void largeObjectRoundTrips() throws Exception {
        Connection[] p = pair();
        byte[] big = pattern(2_000_000, 1);
        TestThreads.Started<Void> sender = TestThreads.start("sender", () -> {
            p[0].send(big);
            return null;
        });
        assertThat(Arrays.equals(p[1].recv(byte[].class), big)).isTrue();
        sender.get();
    }

    @Test
    void recvWithWrongTypeNamesBothTypes() throws Exception {
        Connection[] p = pair();
        p[0].send("text");
        p[0].send(5);
        assertThatThrownBy(() -> p[1].recv(Integer.class)).isExactlyInstanceOf(ClassCastException.class)
                .hasMessage("received a java.lang.String but expected a java.lang.Integer");
        assertThat(p[1].recv(int.class)).isEqualTo(5);
    }

    @Test
    void refusedTypeConsumesFrameAndConnectionStaysUsable() throws Exception {
        Connection[] p = pair();
        ByteArrayOutputStream point = new ByteArrayOutputStream();
        ConnectionOptions.defaults().serializer().encode(new Point(1, 2), point);
        p[0].sendBytes(point.toByteArray());
        p[0].send("after");
        assertThatThrownBy(p[1]::recv).isInstanceOf(TypeNotAllowedException.class)
                .hasMessageContaining(Point.class.getName());
        assertThat(p[1].recv()).isEqualTo("after");
    }

    @Test
    void sendOfATypeThePolicyRefusesRaisesInTheSenderAndSendsNothing() throws Exception {
        Connection[] p = pair();
        assertThatThrownBy(() -> p[0].send(new Point(1, 2)))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(Point.class.getName());
                    assertThat(e.payload()).isEmpty();
                })
                .hasMessage("type " + Point.class.getName() + " is not allowed by the TypePolicy (serializer jdk);"
                        + " allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
        assertThatThrownBy(() -> p[0].send(new ArrayList<>(List.of("ok", new Point(3, 4)))))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Point.class.getName()));
        p[0].send("after");
        assertThat(p[1].recv()).isEqualTo("after");
        assertThat(p[1].poll()).isFalse();
    }

    @Test
    void allowedApplicationTypeRoundTrips() throws Exception {
        Connection[] p = pair(ConnectionOptions.builder()
                .typePolicy(io.github.mp4j.TypePolicy.defaults().allowClasses(Point.class)).build());
        p[0].send(new Point(3, 4));
        assertThat(p[1].recv()).isEqualTo(new Point(3, 4));
    }

    @Test
    void rawBytesAreNotDecodedAsObjects() throws Exception {
        Connection[] p = pair();
        p[0].sendBytes("not serialized".getBytes());
        p[0].send("ok");
        assertThatThrownBy(p[1]::recv).isInstanceOf(SerializerMismatchException.class);
        assertThat(p[1].recv()).isEqualTo("ok");
    }
}
