package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.share.PipeEnd;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The send side of a Unix-domain connection: its socket send buffer, and a send that waits for socket space. */
@Timeout(60)
class UnixSendPathTest {
    @Test
    void sendingEndsAskForOneMiBSendBuffer() throws Exception {
        int granted;
        try (SocketChannel fresh = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assumeThat(fresh.getOption(StandardSocketOptions.SO_SNDBUF)).as("kernel default send buffer")
                    .isLessThan(1024 * 1024);
            fresh.setOption(StandardSocketOptions.SO_SNDBUF, 1024 * 1024);
            granted = fresh.getOption(StandardSocketOptions.SO_SNDBUF);
        }
        try (Pipe pipe = Pipe.open(true)) {
            assertThat(sendBuffer(pipe.first())).isEqualTo(granted);
            assertThat(sendBuffer(pipe.second())).isEqualTo(granted);
        }
    }

    @Test
    void readOnlyEndKeepsTheKernelDefaultSendBuffer() throws Exception {
        try (Pipe pipe = Pipe.open(false); SocketChannel fresh = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThat(sendBuffer(pipe.first())).isEqualTo(fresh.getOption(StandardSocketOptions.SO_SNDBUF));
        }
    }

    @Test
    void interruptWhileWaitingForSocketSpaceSendsNothingAndKeepsTheConnection() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            TestThreads.Started<String> sender = TestThreads.start("sender", () -> {
                for (int i = 0;; i++) {
                    try {
                        pipe.second().sendBytes(frame(i));
                    } catch (InterruptedIOException e) {
                        return i + ": " + e.getMessage();
                    }
                }
            });
            TestThreads.awaitBlockedInSelect(sender.thread);
            sender.thread.interrupt();
            String result = sender.get();
            int sent = Integer.parseInt(result.substring(0, result.indexOf(':')));
            assertThat(result).isEqualTo(sent + ": interrupted while waiting to send; nothing was sent");
            assertThat(pipe.second().isClosed()).isFalse();
            for (int i = 0; i < sent; i++) {
                assertThat(pipe.first().recvBytes()).as("frame %d", i).isEqualTo(frame(i));
            }
            pipe.second().sendBytes("after".getBytes());
            assertThat(pipe.first().recvBytes()).isEqualTo("after".getBytes());
        }
    }

    private static byte[] frame(int i) {
        return ByteBuffer.allocate(100).putInt(i).putInt(96, ~i).array();
    }

    private static int sendBuffer(Connection end) throws Exception {
        return ((PipeEnd) end).waitingOn().plainSocket().getOption(StandardSocketOptions.SO_SNDBUF);
    }
}
