package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Connections;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Connections#wait} over a transport that is not a socket, through the {@link AbstractConnection} seam only:
 * readiness announced by {@link AbstractConnection#prepareToBlock()} (a ring re-checked after announcing that it
 * parks) and a doorbell byte on {@link AbstractConnection#selectableChannel()}, beside a socket pipe end.
 */
@Timeout(60)
class WaitingHooksTest {
    private final Pipe doorbell;
    private final io.github.mp4j.pipe.Pipe sockets;

    WaitingHooksTest() throws IOException {
        doorbell = Pipe.open();
        doorbell.source().configureBlocking(false);
        sockets = io.github.mp4j.pipe.Pipe.open(true);
    }

    @AfterEach
    void close() throws IOException {
        doorbell.sink().close();
        doorbell.source().close();
        sockets.close();
    }

    @Test
    void inputFoundWhileAnnouncingParkingEndsTheWaitWithoutBlocking() throws IOException {
        FakeTransport ring = new FakeTransport(doorbell.source(), true);
        // Without the hook this waits for ever: nothing is buffered and neither channel ever becomes readable.
        List<Connection> ready = Connections.wait(List.of(sockets.first(), ring));
        assertThat(ready).containsExactly(ring);
        assertThat(ring.prepared.get()).isEqualTo(1);
        assertThat(ring.done.get()).isEqualTo(1);
    }

    @Test
    void aDoorbellByteOnTheChannelWakesTheWaitAndParkingIsWithdrawn() throws IOException {
        FakeTransport ring = new FakeTransport(doorbell.source(), false);
        doorbell.sink().write(ByteBuffer.wrap(new byte[] {1}));
        List<Connection> ready = Connections.wait(List.of(sockets.first(), ring));
        assertThat(ready).containsExactly(ring);
        assertThat(ring.prepared.get()).isEqualTo(1);
        assertThat(ring.done.get()).isEqualTo(1);
    }

    @Test
    void mixedReadyConnectionsComeBackInTheCollectionsOrder() throws IOException {
        FakeTransport ring = new FakeTransport(doorbell.source(), true);
        // In the kernel on return (a Unix socket pair), not yet buffered by the connection: found by the select.
        sockets.second().sendBytes(new byte[] {7});
        assertThat(Connections.wait(List.of(ring, sockets.first()))).containsExactly(ring, sockets.first());
        assertThat(Connections.wait(List.of(sockets.first(), ring))).containsExactly(sockets.first(), ring);
        assertThat(ring.done.get()).isEqualTo(2);
    }

    @Test
    void aSocketWithABufferedFrameEndsTheWaitBeforeAnyTransportIsToldToPark() throws IOException {
        FakeTransport ring = new FakeTransport(doorbell.source(), true);
        sockets.second().sendBytes(new byte[] {7});
        assertThat(sockets.first().poll(Duration.ofSeconds(30))).isTrue();
        assertThat(Connections.wait(List.of(ring, sockets.first()))).containsExactly(sockets.first());
        assertThat(ring.prepared.get()).isZero();
    }

    @Test
    void aConnectionOfAnotherKindGetsTheSameClearError() {
        Connection foreign = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new AssertionError("wait must not call " + method.getName());
                });
        assertThatThrownBy(() -> Connections.wait(List.of(foreign)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Connections.wait supports connections made by mp4j-pipe, not "
                        + foreign.getClass().getName());
    }

    /** A transport with nothing buffered whose readiness shows only through the two hooks and its channel. */
    private static final class FakeTransport extends AbstractConnection {
        private final SelectableChannel channel;
        private final boolean inputWhenAnnouncing;
        final AtomicInteger prepared = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();

        FakeTransport(SelectableChannel channel, boolean inputWhenAnnouncing) {
            super(ConnectionOptions.defaults(), true, true);
            this.channel = channel;
            this.inputWhenAnnouncing = inputWhenAnnouncing;
        }

        @Override
        public boolean prepareToBlock() {
            prepared.incrementAndGet();
            return inputWhenAnnouncing;
        }

        @Override
        public void doneBlocking() {
            done.incrementAndGet();
        }

        @Override
        public SelectableChannel selectableChannel() {
            return channel;
        }

        @Override
        protected boolean bufferedInput() {
            return false;
        }

        @Override
        protected void sendFrame(byte[] buf, int off, int len) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected long receiveHeader(long deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int takeBuffered(int len) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected byte[] bufferedArray() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected byte[] receivePayload(int len) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void receivePayloadInto(byte[] dst, int off, int len) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected boolean pollFrame(long deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void closeTransport() {
        }

        @Override
        public AbstractConnection rewrap(ConnectionOptions newOptions, boolean newReadable, boolean newWritable) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String transportName() {
            return "fake";
        }

        @Override
        protected String describePeer() {
            return "fake peer";
        }
    }
}
