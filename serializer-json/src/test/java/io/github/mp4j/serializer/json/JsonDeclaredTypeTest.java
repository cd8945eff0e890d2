package io.github.mp4j.serializer.json;

import static io.github.mp4j.serializer.json.Json.decode;
import static io.github.mp4j.serializer.json.Json.encode;
import static io.github.mp4j.serializer.json.Json.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.SampleValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The envelope's declared type is enforced: a forged payload whose value has another type is a DecodeException. */
class JsonDeclaredTypeTest {
    private static final TypePolicy SAMPLES = TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);

    private static String envelope(String type, String value) {
        return "{\"@mp4j\":1,\"type\":\"" + type + "\",\"value\":" + value + "}";
    }

    @Test
    void durationDeclaredWithAStringValueIsRefusedNamingBothTypes() {
        byte[] payload = utf8(envelope("java.time.Duration", "\"PT5S\""));
        assertThatThrownBy(() -> decode(payload, TypePolicy.defaults()))
                .isExactlyInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).payload()).isEqualTo(payload))
                .hasMessage("serializer json cannot decode a payload of " + payload.length + " bytes: the envelope"
                        + " declares type java.time.Duration but its value decoded as java.lang.String: the payload"
                        + " is forged or corrupt");
    }

    @Test
    void recordDeclaredWithAnotherTypesValueIsRefused() {
        String list = new String(encode(new java.util.ArrayList<>(List.of("a"))), java.nio.charset.StandardCharsets.UTF_8);
        String value = list.substring(list.indexOf("\"value\":") + 8, list.length() - 1);
        byte[] payload = utf8(envelope(SampleValues.smallRecord().getClass().getName(), value));
        assertThatThrownBy(() -> decode(payload, SAMPLES)).isExactlyInstanceOf(DecodeException.class)
                .hasMessageContaining("declares type org.example.mp4j.samples.SmallRecord but its value decoded as"
                        + " java.util.ArrayList");
        assertThatThrownBy(() -> decode(utf8(envelope("java.lang.Long", "\"7\"")), SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageContaining("declares type java.lang.Long but its value decoded as java.lang.String");
        assertThatThrownBy(() -> decode(utf8(envelope("java.lang.String", "7")), SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageContaining("declares type java.lang.String but its value decoded as java.lang.Integer");
    }

    @Test
    void genuineValuesKeepTheirDeclaredTypes() {
        for (Object v : List.of(Duration.ofSeconds(5), 7L, "s", 3, SampleValues.smallRecord(), List.of(1, 2),
                Set.of("x"), Map.of("k", "v"), new int[0].getClass().getName())) {
            assertThat(decode(encode(v), SAMPLES)).as("round trip of %s", v).isEqualTo(v);
        }
    }
}
