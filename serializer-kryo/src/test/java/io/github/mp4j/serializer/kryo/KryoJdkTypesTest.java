package io.github.mp4j.serializer.kryo;

import static io.github.mp4j.serializer.kryo.Payloads.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.SampleValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.example.mp4j.samples.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDK value types that {@link TypePolicy#defaults()} allows: each round trips to an equal value of the same class,
 * and random corruption of their payloads yields a value or a {@link DecodeException}, nothing else.
 */
class KryoJdkTypesTest {
    private static final TypePolicy SAMPLES = TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);
    private final KryoSerializer kryo = new KryoSerializer();

    private static List<Object> values() {
        EnumMap<Color, String> enumMap = new EnumMap<>(Color.class);
        enumMap.put(Color.RED, "r");
        return List.of(enumMap, EnumSet.of(Color.RED, Color.BLUE), new ConcurrentHashMap<>(Map.of("a", 1)),
                new ArrayDeque<>(List.of(1, 2)), Optional.of("x"), new UUID(1, 2), new BigDecimal("1.25"),
                BigInteger.TEN.pow(30), LocalDate.of(2024, 1, 2), Instant.ofEpochSecond(5), Duration.ofMillis(7),
                ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 6, ZoneId.of("Europe/Paris")), BitSet.valueOf(new long[] {5}),
                Collections.emptyList(), Collections.singletonList("s"),
                Collections.synchronizedList(new ArrayList<>(List.of("q"))), URI.create("http://example.org/y"),
                Locale.FRANCE, new Date(5), new TreeSet<>(Set.of("b", "a")), Arrays.asList(1, 2), Set.of(1, 2, 3),
                Map.of("a", 1, "b", 2), Collections.unmodifiableMap(new HashMap<>(Map.of("k", "v"))),
                Currency.getInstance("EUR"));
    }

    @Test
    void jdkValueTypesRoundTripToTheSameClass() {
        for (Object value : values()) {
            byte[] payload = encode(kryo, value);
            Object back = kryo.decode(payload, 0, payload.length, SAMPLES);
            assertThat(back).as("%s", value.getClass().getName()).hasSameClassAs(value);
            assertThat(back.toString()).isEqualTo(value.toString());
        }
    }

    @Test
    void arraysRoundTrip() {
        Object[] values = {new int[][] {{1, 2}, {3}}, new Object[] {"a", 1, null, List.of()}, new long[] {1, 2, 3},
                new boolean[] {true, false}, new char[] {'a'}, new double[] {1.5}, new String[] {"x", null}};
        for (Object value : values) {
            byte[] payload = encode(kryo, value);
            assertThat(kryo.decode(payload, 0, payload.length, SAMPLES)).isEqualTo(value);
        }
    }

    @Test
    @Timeout(120)
    void corruptedPayloadsDecodeOrRaiseOnlyDecodeException() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            for (Object value : values()) {
                byte[] payload = encode(kryo, value);
                for (int m = 1 + random.nextInt(3); m > 0; m--) {
                    payload[3 + random.nextInt(payload.length - 3)] = (byte) random.nextInt(256);
                }
                try {
                    kryo.decode(payload, 0, payload.length, SAMPLES);
                } catch (DecodeException expected) {
                    assertThat(expected.payload()).isEqualTo(payload);
                } catch (Throwable t) {
                    fail("corrupted " + value.getClass().getName() + " payload " + Arrays.toString(payload)
                            + " threw " + t, t);
                }
            }
        }
    }
}
