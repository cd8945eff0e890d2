package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TypePolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionOptionsTest {
    @Test
    void defaultsMatchCPythonAndTheDesign() {
        ConnectionOptions d = ConnectionOptions.defaults();
        assertThat(d.maxFrameLength()).isEqualTo(67108864L);
        assertThat(d.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.typePolicy()).isEqualTo(TypePolicy.defaults());
        assertThat(d.authkey()).isNull();
        assertThat(d.hasAuthkey()).isFalse();
        assertThat(d.serializer().name()).isEqualTo("jdk");
    }

    @Test
    void authkeyIsCopiedInAndOutAndNeverPrinted() {
        byte[] key = {1, 2, 3};
        ConnectionOptions o = ConnectionOptions.builder().authkey(key).build();
        key[0] = 9;
        assertThat(o.authkey()).containsExactly(1, 2, 3);
        o.authkey()[1] = 9;
        assertThat(o.authkey()).containsExactly(1, 2, 3);
        assertThat(o.toString()).contains("authkey=set").doesNotContain("[1, 2, 3]");
        assertThat(ConnectionOptions.builder().authkey(new byte[0]).build().hasAuthkey()).isFalse();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        ConnectionOptions o = ConnectionOptions.builder().serializer("jdk").maxFrameLength(10)
                .socketDirectory(Path.of("/tmp/x")).handshakeTimeout(Duration.ofSeconds(2))
                .typePolicy(TypePolicy.allowAll()).authkey(new byte[] {4}).build();
        ConnectionOptions copy = o.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(o.toString());
        assertThat(copy.authkey()).containsExactly(4);
        assertThat(copy.socketDirectory()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void invalidSettingsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> ConnectionOptions.builder().maxFrameLength(-1))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("maxFrameLength < 0: -1");
        assertThatThrownBy(() -> ConnectionOptions.builder().maxFrameLength(1L << 31))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength 2147483648 exceeds the largest Java byte array (2147483639)");
        assertThatThrownBy(() -> ConnectionOptions.builder().handshakeTimeout(Duration.ofSeconds(-5)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("handshakeTimeout must be positive: PT-5S");
        assertThatThrownBy(() -> ConnectionOptions.builder().serializer("nope"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no serializer named 'nope' is installed");
    }
}
