package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.share.PipeEnd;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SocketConnectionRewrapTest {
    @Test
    void rewrapKeepsBufferedFramesAndChangesDirections() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            AbstractConnection reader = ((PipeEnd) pipe.first()).waitingOn();
            Connection writer = pipe.second();
            writer.sendBytes("one".getBytes());
            writer.sendBytes("two".getBytes());
            assertThat(reader.poll(Duration.ofSeconds(30))).isTrue();
            assertThat(reader.recvBytes()).isEqualTo("one".getBytes());
            AbstractConnection next = reader.rewrap(ConnectionOptions.builder().maxFrameLength(10).build(), true,
                    false);
            try (next) {
                assertThat(reader.isClosed()).isTrue();
                assertThatThrownBy(reader::recvBytes).isExactlyInstanceOf(ConnectionClosedException.class);
                assertThat(next.isWritable()).isFalse();
                assertThat(next.options().maxFrameLength()).isEqualTo(10);
                assertThat(next.recvBytes()).isEqualTo("two".getBytes());
                writer.sendBytes("three".getBytes());
                assertThat(next.recvBytes()).isEqualTo("three".getBytes());
                assertThatThrownBy(() -> reader.rewrap(ConnectionOptions.defaults(), true, true))
                        .isExactlyInstanceOf(ConnectionClosedException.class);
            }
        }
    }
}
