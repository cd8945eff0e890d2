package io.github.mp4j.serializer.json;

import static io.github.mp4j.serializer.json.Json.decode;
import static io.github.mp4j.serializer.json.Json.encode;
import static io.github.mp4j.serializer.json.Json.encodeToString;
import static io.github.mp4j.serializer.json.Json.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.SerializerMismatchException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.spi.Serializers;
import io.github.mp4j.testkit.IsolatedSamples;
import io.github.mp4j.testkit.SampleValues;
import io.github.mp4j.testkit.ThisProcess;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.example.mp4j.hostile.Hostile;
import org.example.mp4j.hostile.HostileFlag;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The json serializer's own behaviour beyond the shared contract: payload format, type checks, handles. */
class JsonSerializerTest {
    private static final TypePolicy SAMPLES = TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE)
            .allowClasses(TypeHolder.class.getName());
    private static final String HOSTILE = Hostile.class.getName();

    @Test
    void payloadIsAnEnvelopeNamingTheTopLevelAndNestedPolymorphicTypes() {
        assertThat(encodeToString(SampleValues.smallRecord())).isEqualTo("{\"@mp4j\":1,"
                + "\"type\":\"org.example.mp4j.samples.SmallRecord\",\"value\":{"
                + "\"@class\":\"org.example.mp4j.samples.SmallRecord\",\"id\":42,\"name\":\"widget\","
                + "\"tags\":[\"java.util.ImmutableCollections$ListN\",[\"a\",\"bb\",\"ccc\"]],\"score\":3.25}}");
        assertThat(encodeToString(null)).isEqualTo("{\"@mp4j\":1,\"type\":null,\"value\":null}");
        assertThat(encodeToString(7L)).isEqualTo("{\"@mp4j\":1,\"type\":\"java.lang.Long\","
                + "\"value\":[\"java.lang.Long\",7]}");
    }

    @Test
    void roundTripsJavaTimeOptionalAndNaN() {
        List<Object> values = List.of(LocalDate.of(2024, 2, 29), Instant.ofEpochSecond(5, 7), Duration.ofMillis(1500),
                ZonedDateTime.of(2020, 1, 2, 3, 4, 5, 6, ZoneId.of("Europe/Paris")), Optional.of("x"), Optional.empty(),
                Double.NaN, Float.NEGATIVE_INFINITY);
        for (Object v : values) {
            assertThat(decode(encode(v), SAMPLES)).as("round trip of %s", v).isEqualTo(v);
        }
    }

    @Test
    void recordWithAClassComponentRoundTripsAnAllowedClass() {
        assertThat(decode(encode(new TypeHolder(String.class)), SAMPLES)).isEqualTo(new TypeHolder(String.class));
    }

    @Test
    void classValuedFieldNamingARefusedTypeIsRefusedBeforeItsInitialiserRuns() {
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"" + TypeHolder.class.getName() + "\",\"value\":{\"@class\":\""
                + TypeHolder.class.getName() + "\",\"type\":\"" + HOSTILE + "\"}}");
        assertRefusedHostile(payload, SAMPLES);
    }

    @Test
    void nestedHostileTypeIsRefusedBeforeItsInitialiserRuns() {
        byte[] payload = encode(new ArrayList<>(List.of("first", IsolatedSamples.hostile())));
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8))
                .contains("{\"@class\":\"" + HOSTILE + "\"");
        assertRefusedHostile(payload, SAMPLES);
    }

    /** A final declared type gets no {@code @class}: it must pass the policy all the same, on decode and encode. */
    @Test
    void refusedFinalFieldTypeIsRefusedBeforeItsInitialiserRuns() {
        String finalHostile = "org.example.mp4j.hostile.FinalHostile";
        String holder = "org.example.mp4j.samples.FinalFieldHolder";
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"" + holder + "\",\"value\":{\"@class\":\"" + holder
                + "\",\"label\":\"x\",\"hostile\":{}}}");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(finalHostile))
                .hasMessage("type " + finalHostile + " is not allowed by the TypePolicy (serializer json); allow it"
                        + " with TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
        assertThat(HostileFlag.finalInitialised()).as("FinalHostile's static initialiser ran").isFalse();
    }

    @Test
    void encodeRefusesAFinalFieldTypeThePolicyRefuses() {
        Object holder = IsolatedSamples.holderOfFinalHostile();
        assertThatThrownBy(() -> new JsonSerializer().encode(holder, new java.io.ByteArrayOutputStream(), SAMPLES))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo("org.example.mp4j.hostile.FinalHostile"));
    }

    /** Numbers whose text is short but whose value is huge (1e100000000) must not be expanded while decoding. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shortNumbersWithHugeExponentsAreNotExpanded() {
        String[][] cases = {
            {"java.math.BigInteger", "[\"java.math.BigInteger\",1e100000000]"},
            {"java.time.Instant", "[\"java.time.Instant\",1e100000000]"},
            {"java.time.Duration", "[\"java.time.Duration\",1e100000000]"},
            {"java.lang.Long", "[\"java.lang.Long\",1e100000000]"},
            {"java.math.BigDecimal", "[\"java.math.BigDecimal\",1e100000000]"},
        };
        for (String[] c : cases) {
            byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"" + c[0] + "\",\"value\":" + c[1] + "}");
            try {
                Object value = decode(payload, SAMPLES);
                assertThat(value.getClass().getName()).as("decoded type").isEqualTo(c[0]);
            } catch (io.github.mp4j.DecodeException expected) {
                assertThat(expected.payload()).isEqualTo(payload);
            }
        }
    }

    @Test
    void hostileTypeParameterInsideAGenericTypeIdIsRefusedBeforeLoading() {
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"java.util.ArrayList\",\"value\":"
                + "[\"java.util.ArrayList<" + HOSTILE + ">\",[]]}");
        assertRefusedHostile(payload, SAMPLES);
    }

    @Test
    void envelopeTypeMayNotDisagreeToSmuggleARefusedValueType() {
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"java.lang.String\",\"value\":{\"@class\":\"" + HOSTILE
                + "\",\"command\":\"x\"}}");
        assertRefusedHostile(payload, SAMPLES);
    }

    private static void assertRefusedHostile(byte[] payload, TypePolicy policy) {
        assertThatThrownBy(() -> decode(payload, policy))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(HOSTILE);
                    assertThat(e.serializer()).isEqualTo("json");
                    assertThat(e.payload()).isEqualTo(payload);
                })
                .hasMessage("type " + HOSTILE + " is not allowed by the TypePolicy (serializer json); allow it with"
                        + " TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
        assertThat(HostileFlag.initialised()).as("Hostile's static initialiser ran").isFalse();
    }

    @Test
    void missingNestedTypeRaisesMissingTypeNamingItAndThisProcess() {
        String absent = SampleValues.SAMPLES_PACKAGE + ".NotInThisProcess";
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"java.util.ArrayList\",\"value\":[\"java.util.ArrayList\","
                + "[\"ok\",{\"@class\":\"" + absent + "\",\"x\":1}]]}");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isInstanceOfSatisfying(MissingTypeException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(absent);
                    assertThat(e.process()).isEqualTo(ThisProcess.id());
                    assertThat(e.payload()).isEqualTo(payload);
                })
                .hasMessage("Can't find class " + absent + " in process " + ThisProcess.id()
                        + " (serializer json): add it to this process's class path");
    }

    @Test
    void missingTopLevelTypeRaisesMissingTypeNamingIt() {
        String absent = SampleValues.SAMPLES_PACKAGE + ".NotInThisProcess";
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"" + absent + "\",\"value\":{\"@class\":\"" + absent + "\"}}");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isInstanceOfSatisfying(MissingTypeException.class, e -> assertThat(e.typeName()).isEqualTo(absent));
    }

    @Test
    void policyIsJudgedOnEveryCallNotRememberedFromAnEarlierOne() {
        byte[] payload = encode(SampleValues.order());
        assertThat(decode(payload, TypePolicy.allowAll())).isEqualTo(SampleValues.order());
        TypePolicy onlyOrder = TypePolicy.defaults().allowClasses(Order.class);
        assertThatThrownBy(() -> decode(payload, onlyOrder))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Customer.class.getName()));
        assertThat(decode(payload, SAMPLES)).isEqualTo(SampleValues.order());
    }

    @Test
    void unsupportedEnvelopeVersionRaisesDecodeExceptionSayingSo() {
        byte[] payload = utf8("{\"@mp4j\":2,\"type\":null,\"value\":null}");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith("serializer json cannot decode a payload of " + payload.length + " bytes: envelope version 2 is"
                        + " not supported; this end reads version 1: use the same mp4j version at both ends");
    }

    @Test
    void bytesAfterTheEnvelopeRaiseDecodeException() {
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":null,\"value\":null} {}");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith("serializer json cannot decode a payload of " + payload.length + " bytes: malformed mp4j json"
                        + " envelope: expected the end of the payload, found START_OBJECT");
    }

    @Test
    void deeplyNestedPayloadRaisesDecodeExceptionInsteadOfOverflowingTheStack() {
        String open = "[\"java.util.ArrayList\",[";
        byte[] payload = utf8("{\"@mp4j\":1,\"type\":\"java.util.ArrayList\",\"value\":" + open.repeat(5000)
                + "]]".repeat(5000) + "}");
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith("serializer json cannot decode a payload of " + payload.length + " bytes:"
                        + " Document nesting depth (1001) exceeds the maximum allowed (1000");
    }

    @Test
    void payloadOfTheJdkSerializerRaisesMismatchNamingBothSerializers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializers.byName("jdk").encode("hello", out);
        byte[] payload = out.toByteArray();
        assertThatThrownBy(() -> decode(payload, SAMPLES))
                .isInstanceOfSatisfying(SerializerMismatchException.class,
                        e -> assertThat(e.writtenBy()).isEqualTo("jdk"))
                .hasMessage("payload was written by serializer 'jdk' but this end decodes with 'json': configure both"
                        + " ends with the same serializer");
    }

    @Test
    @Timeout(30)
    void encodingAConnectionRaisesSerializationExceptionPointingToJdkOrKryo() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            Connection end = pipe.first();
            String expected = "serializer json cannot carry " + end.getClass().getName()
                    + " (a Connection or queue); use jdk or kryo";
            assertThatThrownBy(() -> encode(end))
                    .isExactlyInstanceOf(SerializationException.class).hasMessage(expected);
            assertThatThrownBy(() -> encode(new ArrayList<>(List.of("x", end))))
                    .isExactlyInstanceOf(SerializationException.class).hasMessage(expected);
        }
    }

    @Test
    void cycleRaisesSerializationExceptionNamingTheTopLevelType() {
        assertThatThrownBy(() -> encode(SampleValues.cycle()))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("serializer json cannot encode org.example.mp4j.samples.Node: ");
    }
}
