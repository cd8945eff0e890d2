package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.HandleRefusedException;
import io.github.mp4j.Queue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A queue handle forged by a producer, put on a queue as an item (inside a list), is refused when the consumer's
 * {@code get} decodes it, before anything connects: a TCP address where the queue did not opt in, or a socket
 * outside an mp4j private directory. The failing item only is consumed; the queue goes on serving.
 */
@Timeout(60)
class ForgedQueueHandleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static QueueHandle forged(String address, String serializer) {
        return new QueueHandle(address, new byte[] {1}, 7, QueueKind.QUEUE, 0, serializer, TypePolicy.allowAll(),
                1024, "1@evil");
    }

    private static String refusal(String problem) {
        return "refused queue 7 owned by 1@evil: " + problem + "; nothing was connected";
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void forgedHandleNamingATcpAddressIsRefusedBeforeAnyConnection(String serializer) throws Exception {
        Queue<Object> q = QueueFactory.builder().serializer(serializer).build().queue();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            String address = "127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort();
            q.put(List.of(forged(address, serializer)));
            q.put("after the refusal");

            assertThatThrownBy(() -> q.get(WAIT)).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage(refusal("it names the TCP address " + address + ", and handles attach over TCP"
                            + " only where the receiving connection or queue opted in; if the sender is trusted,"
                            + " build the receiving side with attachHandlesOverTcp(true) (ConnectionOptions or"
                            + " QueueFactory)"))
                    .satisfies(e -> assertThat(((HandleRefusedException) e).serializer()).isEqualTo(serializer))
                    .satisfies(e -> assertThat(((HandleRefusedException) e).payload()).isNotEmpty());
            // A connect completes in the kernel before accept: an attempt would be pending now.
            try (SocketChannel pending = listener.accept()) {
                assertThat(pending).as("a connection to the forged address").isNull();
            }
            assertThat(q.get(WAIT)).isEqualTo("after the refusal");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void forgedHandleNamingASocketOutsideAPrivateDirectoryIsRefused(String serializer) throws Exception {
        Queue<Object> q = QueueFactory.builder().serializer(serializer).build().queue();
        String address = dir.resolve("evil.sock").toString();
        q.put(forged(address, serializer));
        q.put("after the refusal");
        assertThatThrownBy(() -> q.get(WAIT)).isExactlyInstanceOf(HandleRefusedException.class)
                .hasMessage(refusal("its socket " + address + " is not inside an mp4j private directory (mp4j-* or"
                        + " this side's socket directory); handles attach only to sockets of this user's mp4j"
                        + " processes"));
        assertThat(q.get(WAIT)).isEqualTo("after the refusal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void queueThatOptedInToTcpAcceptsTheSameHandleSoTheRefusalAboveIsReal(String serializer) throws Exception {
        Queue<Object> q = QueueFactory.builder().serializer(serializer).attachHandlesOverTcp(true).build().queue();
        q.put(forged("127.0.0.1:9", serializer));
        assertThat(q.get(WAIT)).isInstanceOf(io.github.mp4j.Queue.class);
    }
}
