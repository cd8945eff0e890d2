package io.github.mp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.DecodeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.SerializerMismatchException;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.example.mp4j.samples.Color;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.Node;
import org.example.mp4j.samples.Order;
import org.example.mp4j.samples.SmallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Serializer} meets, as a JUnit 5 suite: a serializer module's test extends it and
 * implements {@link #serializer()}. Capability hooks ({@link #supportsArbitraryObjects()},
 * {@link #supportsCycles()}, {@link #supportsNull()}, {@link #namesNestedTypes()},
 * {@link #detectsTruncation()}) switch off what a format cannot do; value hooks ({@link #sampleValues()},
 * {@link #refusedValue()}, {@link #hostilePayload()}, {@link #unencodableValue()}) let a serializer of
 * restricted value types (protobuf) supply its own.
 */
public abstract class SerializerContract extends SerializerPolicyContract {
    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripsStrings() {
        assumeArbitraryObjects();
        for (String s : SampleValues.strings()) {
            assertThat(roundTrip(s)).isEqualTo(s);
        }
    }

    @Test
    void roundTripsBoxedValuesKeepingTheirTypes() {
        assumeArbitraryObjects();
        for (Object v : SampleValues.boxed()) {
            assertThat(roundTrip(v)).as("round trip of %s %s", v.getClass().getName(), v)
                    .isEqualTo(v).hasSameClassAs(v);
        }
    }

    @Test
    void roundTripsNull() {
        assumeTrue(supportsNull(), "serializer does not send null");
        assertThat(roundTrip(null)).isNull();
    }

    @Test
    void roundTripsCollectionsAndMaps() {
        assumeArbitraryObjects();
        for (Object v : SampleValues.collections()) {
            assertThat(roundTrip(v)).as("round trip of %s", v.getClass().getName()).isEqualTo(v);
        }
    }

    @Test
    void roundTripsImmutableCollections() {
        assumeArbitraryObjects();
        for (Object v : SampleValues.immutableCollections()) {
            assertThat(roundTrip(v)).as("round trip of %s", v.getClass().getName()).isEqualTo(v);
        }
    }

    @Test
    void roundTripsRecords() {
        assumeArbitraryObjects();
        SmallRecord record = SampleValues.smallRecord();
        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Test
    void roundTripsEnumsAsTheSameConstant() {
        assumeArbitraryObjects();
        for (Color c : Color.values()) {
            assertThat(roundTrip(c)).isSameAs(c);
        }
    }

    @Test
    void roundTripsNestedUserTypes() {
        assumeArbitraryObjects();
        Order order = SampleValues.order();
        Object back = roundTrip(order);
        assertThat(back).isEqualTo(order);
        assertThat(((Order) back).getCustomer()).isEqualTo(new Customer("Ada", "ada@example.org"));
    }

    @Test
    void roundTripsCyclesAndSharedReferences() {
        assumeArbitraryObjects();
        assumeTrue(supportsCycles(), "format has no object references");
        Node back = (Node) roundTrip(SampleValues.cycle());
        assertThat(back.getName()).isEqualTo("a");
        assertThat(back.getNext().getName()).isEqualTo("b");
        assertThat(back.getNext().getNext()).isSameAs(back);

        SmallRecord shared = SampleValues.smallRecord();
        List<Object> list = castList(roundTrip(new ArrayList<>(List.of(shared, shared))));
        assertThat(list).containsExactly(shared, shared);
        assertThat(list.get(0)).isSameAs(list.get(1));
    }

    @Test
    void roundTripsAFourMebibyteByteArray() {
        assumeArbitraryObjects();
        byte[] big = SampleValues.bytes(4 * 1024 * 1024);
        assertThat((byte[]) roundTrip(big)).isEqualTo(big);
    }

    @Test
    void roundTripsEverySampleValue() {
        for (Object v : sampleValues()) {
            assertThat(roundTrip(v)).as("round trip of %s", v).isEqualTo(v);
        }
    }

    // ---------------------------------------------------------------- signatures and SPI

    @Test
    void recognizesItsOwnPayloadsOnly() {
        byte[] payload = encode(sampleValues().get(0));
        assertThat(serializer().recognizes(payload, 0, payload.length)).isTrue();
        assertThat(serializer().recognizes(new byte[0], 0, 0)).isFalse();
        assertThat(serializer().recognizes(payload, 0, 0)).isFalse();
        byte[] foreign = "{not this format".getBytes(StandardCharsets.UTF_8);
        assertThat(serializer().recognizes(foreign, 0, foreign.length)).isFalse();
    }

    @Test
    void doesNotRecognizeJavaSerializationUnlessItIsTheJdkSerializer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject("written by java.io directly");
        }
        byte[] jdk = bytes.toByteArray();
        assertThat(serializer().recognizes(jdk, 0, jdk.length)).isEqualTo(Serializers.JDK.equals(serializer().name()));
    }

    @Test
    void foreignPayloadRaisesSerializerMismatchWithItsBytes() {
        byte[] foreign = "{not this format".getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[foreign.length + 10];
        System.arraycopy(foreign, 0, buffer, 5, foreign.length);
        String name = serializer().name();
        assertThatThrownBy(() -> serializer().decode(buffer, 5, foreign.length, policy()))
                .isInstanceOfSatisfying(SerializerMismatchException.class, e -> {
                    assertThat(e.writtenBy()).isEqualTo("unknown");
                    assertThat(e.serializer()).isEqualTo(name);
                    assertThat(e.payload()).isEqualTo(foreign);
                })
                .hasMessage("payload was written by serializer 'unknown' but this end decodes with '" + name
                        + "': configure both ends with the same serializer");
    }

    @Test
    void serviceLoaderFindsThisSerializerByName() {
        assertThat(Serializers.byName(serializer().name())).isInstanceOf(serializer().getClass());
        assertThat(serializer().name()).matches("[a-z0-9-]+");
    }

    @Test
    void decodeHonoursOffsetAndLength() {
        for (Object v : sampleValues()) {
            byte[] payload = encode(v);
            byte[] buffer = new byte[payload.length + 30];
            Arrays.fill(buffer, (byte) 0x5a);
            System.arraycopy(payload, 0, buffer, 13, payload.length);
            assertThat(serializer().recognizes(buffer, 13, payload.length)).isTrue();
            assertThat(serializer().decode(buffer, 13, payload.length, policy())).as("decode of %s", v).isEqualTo(v);
        }
    }

    // ---------------------------------------------------------------- broken input

    @Test
    @Timeout(60)
    void garbageRaisesDecodeExceptionCarryingTheBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            assertThatThrownBy(() -> serializer().decode(garbage, 0, garbage.length, policy()))
                    .as("garbage #%d %s", i, Arrays.toString(garbage))
                    .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.payload()).isEqualTo(garbage));
        }
    }

    @Test
    @Timeout(60)
    void everyTruncationRaisesDecodeExceptionWithoutReadingPastLength() {
        for (Object v : sampleValues()) {
            byte[] payload = encode(v);
            for (int length = 0; length < payload.length; length++) {
                int n = length;
                if (detectsTruncation()) {
                    assertThatThrownBy(() -> serializer().decode(payload, 0, n, policy()))
                            .as("%s truncated to %d of %d bytes", v, n, payload.length)
                            .isInstanceOfSatisfying(DecodeException.class,
                                    e -> assertThat(e.payload()).isEqualTo(Arrays.copyOf(payload, n)));
                } else {
                    decodeOrDecodeException(payload, n, v + " truncated to " + n + " bytes");
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void corruptedPayloadsDecodeOrRaiseOnlyDecodeException() {
        int[] masks = {0x01, 0x80, 0xff};
        for (Object v : sampleValues()) {
            byte[] payload = encode(v);
            for (int i = 0; i < payload.length; i++) {
                for (int mask : masks) {
                    byte[] corrupt = payload.clone();
                    corrupt[i] ^= (byte) mask;
                    decodeOrDecodeException(corrupt, corrupt.length,
                            v + " with byte " + i + " xor 0x" + Integer.toHexString(mask));
                }
            }
        }
    }

    private void decodeOrDecodeException(byte[] payload, int length, String what) {
        try {
            serializer().decode(payload, 0, length, policy());
        } catch (DecodeException expected) {
            assertThat(expected.payload()).as(what).isEqualTo(Arrays.copyOf(payload, length));
        } catch (Throwable t) {
            fail("decoding " + what + " threw " + t + " instead of a DecodeException", t);
        }
    }

    @Test
    void unencodableValueRaisesSerializationExceptionNamingItsType() {
        Object value = unencodableValue();
        assumeTrue(value != null, "serializer encodes every value it is given");
        assertThatThrownBy(() -> encode(value))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(DecodeException.class)
                .hasMessageContaining(value.getClass().getName());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    @Timeout(120)
    void encodesAndDecodesConcurrentlyFromEightThreads() throws Exception {
        int threads = 8;
        List<Object> values = sampleValues();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < 300; i++) {
                        Object v = values.get((i + offset) % values.size());
                        assertThat(roundTrip(v)).isEqualTo(v);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(100, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
