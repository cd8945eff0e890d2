package io.github.mp4j.serializer.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link DecodeLimits} that {@link JdkSerializer} enforces through its ObjectInputFilter. */
class JdkDecodeLimitsTest {
    private static final TypePolicy POLICY = TypePolicy.defaults();

    private static Object nestedLists(int depth) {
        List<Object> outer = new ArrayList<>();
        List<Object> current = outer;
        for (int i = 1; i < depth; i++) {
            List<Object> inner = new ArrayList<>();
            current.add(inner);
            current = inner;
        }
        return outer;
    }

    private static String refused(int length, String reason) {
        return "payload of " + length + " bytes refused by serializer jdk: " + reason;
    }

    @Test
    void payloadDeeperThanMaxDepthIsRefusedNamingTheLimit() {
        byte[] payload = JdkTestPayloads.encode(nestedLists(20));
        JdkSerializer serializer = new JdkSerializer(DecodeLimits.defaults().withMaxDepth(5));
        assertThatThrownBy(() -> serializer.decode(payload, 0, payload.length, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage(refused(payload.length, "nesting depth 6 exceeds maxDepth=5; if the sender is trusted,"
                        + " raise it with DecodeLimits.withMaxDepth(...)"));
        assertThat(new JdkSerializer().decode(payload, 0, payload.length, POLICY)).isEqualTo(nestedLists(20));
    }

    @Test
    void payloadWithMoreReferencesThanMaxReferencesIsRefusedNamingTheLimit() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(List.of(i));
        }
        byte[] payload = JdkTestPayloads.encode(many);
        JdkSerializer serializer = new JdkSerializer(DecodeLimits.defaults().withMaxReferences(50));
        assertThatThrownBy(() -> serializer.decode(payload, 0, payload.length, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage(refused(payload.length, "reference count 51 exceeds maxReferences=50; if the sender is"
                        + " trusted, raise it with DecodeLimits.withMaxReferences(...)"));
    }

    @Test
    void arrayLongerThanMaxArrayLengthIsRefusedNamingTheLimit() {
        byte[] payload = JdkTestPayloads.encode(new byte[1000]);
        JdkSerializer serializer = new JdkSerializer(DecodeLimits.defaults().withMaxArrayLength(999));
        assertThatThrownBy(() -> serializer.decode(payload, 0, payload.length, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage(refused(payload.length, "array length 1000 exceeds maxArrayLength=999; if the sender is"
                        + " trusted, raise it with DecodeLimits.withMaxArrayLength(...)"));
    }

    @Test
    void payloadOverMaxStreamBytesIsRefusedNamingTheLimit() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(List.of("item number " + i));
        }
        byte[] payload = JdkTestPayloads.encode(many);
        JdkSerializer serializer = new JdkSerializer(DecodeLimits.defaults().withMaxStreamBytes(200));
        assertThatThrownBy(() -> serializer.decode(payload, 0, payload.length, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith("payload of " + payload.length
                        + " bytes refused by serializer jdk: stream bytes ")
                .hasMessageEndingWith(" exceed maxStreamBytes=200; if the sender is trusted, raise it with"
                        + " DecodeLimits.withMaxStreamBytes(...)");
    }

    @Test
    void arrayClaimingMoreElementsThanThePayloadHasBytesIsRefusedBeforeAllocation() {
        byte[] payload = claimHugeByteArray();
        JdkSerializer unlimited = new JdkSerializer(DecodeLimits.defaults().withMaxArrayLength(Long.MAX_VALUE));
        assertThatThrownBy(() -> unlimited.decode(payload, 0, payload.length, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage(refused(payload.length, "array length 2147483632 exceeds the " + payload.length
                        + " bytes of the payload: the payload is truncated or hostile"));
        assertThatThrownBy(() -> new JdkSerializer().decode(payload, 0, payload.length, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage(refused(payload.length, "array length 2147483632 exceeds maxArrayLength=67108864; if the"
                        + " sender is trusted, raise it with DecodeLimits.withMaxArrayLength(...)"));
    }

    /** A byte[16] payload whose length field is patched to 0x7ffffff0. */
    private static byte[] claimHugeByteArray() {
        byte[] payload = JdkTestPayloads.encode(new byte[16]);
        int lengthAt = payload.length - 16 - 4;
        assertThat(payload[lengthAt + 3]).isEqualTo((byte) 16);
        payload[lengthAt] = 0x7f;
        payload[lengthAt + 1] = (byte) 0xff;
        payload[lengthAt + 2] = (byte) 0xff;
        payload[lengthAt + 3] = (byte) 0xf0;
        return payload;
    }

    @Test
    void defaultsAreDocumentedValues() {
        assertThat(DecodeLimits.defaults()).isEqualTo(new DecodeLimits(500, 10_000_000, 64L * 1024 * 1024,
                Integer.MAX_VALUE));
        assertThat(new JdkSerializer().limits()).isSameAs(DecodeLimits.defaults());
    }

    @Test
    void nonPositiveLimitsAreRejectedNamingTheLimit() {
        assertThatThrownBy(() -> new DecodeLimits(0, 1, 1, 1))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("maxDepth must be > 0: 0");
        assertThatThrownBy(() -> DecodeLimits.defaults().withMaxReferences(-5))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("maxReferences must be > 0: -5");
        assertThatThrownBy(() -> DecodeLimits.defaults().withMaxArrayLength(0))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("maxArrayLength must be > 0: 0");
        assertThatThrownBy(() -> DecodeLimits.defaults().withMaxStreamBytes(0))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("maxStreamBytes must be > 0: 0");
    }
}
