package io.github.mp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import java.util.ArrayList;
import java.util.List;
import org.example.mp4j.hostile.Hostile;
import org.example.mp4j.hostile.HostileFlag;
import org.example.mp4j.samples.Color;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.Order;
import org.junit.jupiter.api.Test;

/**
 * The type-policy part of {@link SerializerContract}: refused top-level, nested, array and hostile types when decoding
 * and when encoding. Extend {@link SerializerContract}, which runs these tests too.
 */
public abstract class SerializerPolicyContract extends SerializerContractBase {
    // ---------------------------------------------------------------- type policy

    @Test
    void typeRefusedByThePolicyRaisesTypeNotAllowedWithThePayload() {
        byte[] payload = encode(refusedValue());
        String type = refusedTypeName();
        String name = serializer().name();
        assertThatThrownBy(() -> serializer().decode(payload, 0, payload.length, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(type);
                    assertThat(e.serializer()).isEqualTo(name);
                    assertThat(e.payload()).isEqualTo(payload);
                })
                .hasMessage("type " + type + " is not allowed by the TypePolicy (serializer " + name
                        + "); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
    }

    @Test
    void nestedTypeRefusedByThePolicyRaisesTypeNotAllowed() {
        assumeArbitraryObjects();
        assumeTrue(namesNestedTypes(), "format does not name nested types");
        byte[] payload = encode(SampleValues.order());
        TypePolicy onlyOrder = TypePolicy.defaults().allowClasses(Order.class, Color.class);
        assertThatThrownBy(() -> serializer().decode(payload, 0, payload.length, onlyOrder))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Customer.class.getName()));
    }

    @Test
    void hostileTypeIsRefusedAndItsInitialiserNeverRuns() {
        byte[] payload = hostilePayload();
        String type = hostileTypeName();
        assertThatThrownBy(() -> serializer().decode(payload, 0, payload.length, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> assertThat(e.typeName()).isEqualTo(type));
        assertThatThrownBy(() -> serializer().decode(payload, 0, payload.length, policy()))
                .isInstanceOf(TypeNotAllowedException.class);
        assertThat(HostileFlag.initialised()).as("Hostile's static initialiser ran").isFalse();
    }

    // ---------------------------------------------------------------- type policy when encoding

    /** Encodes {@code value} with {@code policy} into a new array. */
    private byte[] encode(Object value, TypePolicy policy) {
        return Encoding.encode(serializer(), value, policy);
    }

    @Test
    void encodingWithAPolicyRefusesATopLevelTypeItRefuses() {
        String type = refusedTypeName();
        String name = serializer().name();
        assertThatThrownBy(() -> encode(refusedValue(), TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(type);
                    assertThat(e.serializer()).isEqualTo(name);
                    assertThat(e.payload()).isEmpty();
                })
                .hasMessage("type " + type + " is not allowed by the TypePolicy (serializer " + name
                        + "); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)");
    }

    @Test
    void encodingWithAPolicyRefusesANestedTypeItRefuses() {
        assumeArbitraryObjects();
        assumeTrue(namesNestedTypes(), "format does not name nested types");
        TypePolicy onlyOrder = TypePolicy.defaults().allowClasses(Order.class, Color.class);
        assertThatThrownBy(() -> encode(SampleValues.order(), onlyOrder))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Customer.class.getName()));
        List<Object> list = new ArrayList<>(List.of("ok", refusedValue()));
        assertThatThrownBy(() -> encode(list, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(refusedTypeName()));
    }

    @Test
    void encodingWithAPolicyThatAllowsEveryTypeWritesTheSamePayload() {
        for (Object v : sampleValues()) {
            assertThat(encode(v, policy())).as("payload of %s", v).isEqualTo(encode(v));
            assertThat(encode(v, TypePolicy.allowAll())).as("payload of %s", v).isEqualTo(encode(v));
        }
    }

    @Test
    void refusedArrayTypeIsNamedByItsElementTypeWhenDecodingAndEncoding() {
        assumeArbitraryObjects();
        Object[] array = (Object[]) java.lang.reflect.Array.newInstance(refusedValue().getClass(), 1);
        array[0] = refusedValue();
        String type = refusedTypeName();
        String name = serializer().name();
        String message = "type " + type + " is not allowed by the TypePolicy (serializer " + name
                + "); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)";
        byte[] payload = encode(array);
        assertThatThrownBy(() -> serializer().decode(payload, 0, payload.length, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> assertThat(e.typeName()).isEqualTo(type))
                .hasMessage(message);
        assertThatThrownBy(() -> encode(array, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> assertThat(e.typeName()).isEqualTo(type))
                .hasMessage(message);
    }

}
