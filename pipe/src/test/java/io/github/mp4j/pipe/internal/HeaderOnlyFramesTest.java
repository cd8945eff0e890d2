package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Client;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that send only a header declaring a huge frame cannot exhaust a server's heap: a child JVM with a 64 MiB
 * heap (and {@code -XX:+ExitOnOutOfMemoryError}) holds eight connections each inside a frame declared at 60 MiB, and
 * still serves an honest client. Before, each header allocated its 60 MiB payload at once, and the second one
 * ended the child with {@code OutOfMemoryError}.
 */
class HeaderOnlyFramesTest {
    private static final int PEERS = 8;
    private static final int DECLARED = 60 << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void eightHeaderOnlyFramesOfSixtyMebibytesDoNotExhaustA64MebibyteServer() throws Exception {
        String path = dir.resolve("heap.sock").toString();
        List<SocketChannel> peers = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"),
                HeaderOnlyChild.class, dir, path)) {
            child.expect("READY");
            for (int i = 0; i < PEERS; i++) {
                SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path));
                peers.add(peer);
                ByteBuffer frame = ByteBuffer.allocate(4 + 4096).putInt(DECLARED).put(new byte[4096]).flip();
                while (frame.hasRemaining()) {
                    peer.write(frame);
                }
            }
            awaitBlocked(child, PEERS);
            try (Connection honest = Client.connect(path, (byte[]) null)) {
                honest.sendBytes("still serving".getBytes());
                assertThat(new String(honest.recvBytes())).isEqualTo("still serving");
            }
            assertThat(child.isAlive()).isTrue();
            assertThat(child.stderr()).doesNotContain("OutOfMemoryError");
        } finally {
            for (SocketChannel p : peers) {
                p.close();
            }
        }
    }

    /** Polls the child (30 s deadline) until {@code n} connection threads wait inside a frame. */
    private static void awaitBlocked(ChildJvm child, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            String answer = child.ask("BLOCKED", "BLOCKED ");
            if (Integer.parseInt(answer.substring("BLOCKED ".length())) == n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + answer + " of " + n + " connections wait inside their frame");
            }
            Thread.sleep(20);
        }
    }
}
