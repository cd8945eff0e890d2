package io.github.mp4j.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.benchmarks.SmallRecord;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmallFramesTest {
    private final Serializer kryo = Serializers.byName("kryo");

    @Test
    void eachItemIsItsKryoPayloadBehindAFourByteBigEndianLength() throws IOException {
        SmallFrames f = SmallFrames.of(kryo, SmallRecord::of, 3);

        ByteBuffer b = ByteBuffer.wrap(f.bytes());
        for (int i = 0; i < 3; i++) {
            int len = b.getInt();
            assertThat(kryo.decode(f.bytes(), b.position(), len, Payloads.policy())).isEqualTo(SmallRecord.of(i));
            b.position(b.position() + len);
            assertThat(f.ends()[i]).isEqualTo(b.position());
        }
        assertThat(f.count()).isEqualTo(3);
        assertThat(b.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RawSocketBaseline.COALESCED_WRITE})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyFrameArrivesInOrderWhetherWrittenOneByOneOrCoalesced(int maxWrite, @TempDir Path dir)
            throws IOException, InterruptedException {
        SmallFrames f = SmallFrames.of(kryo, SmallRecord::of, 2000);
        ByteBuffer received = ByteBuffer.allocate(f.bytes().length);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
            try (SocketChannel out = SocketChannel.open(server.getLocalAddress());
                 SocketChannel in = server.accept()) {
                Thread writer = new Thread(() -> {
                    try {
                        f.writeTo(out, maxWrite);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                while (received.hasRemaining() && in.read(received) >= 0) {
                    // read until every byte written has arrived
                }
                writer.join();
            }
        }

        assertThat(received.array()).isEqualTo(f.bytes());
    }
}
