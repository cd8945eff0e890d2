package io.github.mp4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TypePolicy;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which serializer {@link Serializers#defaultSerializer()} picks when several are on the class path. */
class DefaultSerializerOrderTest {

    @Test
    void kryoBeatsJsonAndJdkWhateverTheDiscoveryOrder() {
        assertThat(pick("jdk", "json", "kryo")).isEqualTo("kryo");
        assertThat(pick("kryo", "json", "jdk")).isEqualTo("kryo");
    }

    @Test
    void theDocumentedOrderIsKryoJsonProtobufJdkThenPickle() {
        assertThat(Serializers.DEFAULT_ORDER).containsExactly("kryo", "json", "protobuf", "jdk", "pickle");
        assertThat(pick("jdk", "protobuf", "json")).isEqualTo("json");
        assertThat(pick("jdk", "pickle", "protobuf")).isEqualTo("protobuf");
        assertThat(pick("pickle", "jdk")).isEqualTo("jdk");
        assertThat(pick("pickle")).isEqualTo("pickle");
    }

    @Test
    void theSingleSerializerWinsWhicheverItIs() {
        assertThat(pick("json")).isEqualTo("json");
        assertThat(pick("jdk")).isEqualTo("jdk");
        assertThat(pick("jdk", "custom")).isEqualTo("custom");
    }

    @Test
    void anUnshippedSerializerComesAfterTheShippedOnesButBeforeJdk() {
        assertThat(pick("custom", "json", "jdk")).isEqualTo("json");
        assertThat(pick("jdk", "custom", "other")).isEqualTo("custom");
    }

    @Test
    void noSerializerAtAllIsAnError() {
        assertThatThrownBy(() -> Serializers.chooseDefault(List.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("no serializer is installed; add mp4j-serializer-jdk (or another mp4j-serializer-*)"
                        + " to the class path");
    }

    private static String pick(String... names) {
        return Serializers.chooseDefault(List.of(names).stream().map(Named::new).map(Serializer.class::cast)
                .toList()).name();
    }

    /** A serializer that only has a name. */
    private record Named(String name) implements Serializer {
        @Override
        public void encode(Object value, OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean recognizes(byte[] payload, int offset, int length) {
            return false;
        }
    }
}
