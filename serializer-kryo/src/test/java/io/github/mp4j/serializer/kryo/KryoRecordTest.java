package io.github.mp4j.serializer.kryo;

import static io.github.mp4j.serializer.kryo.Payloads.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.github.mp4j.DecodeException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.example.mp4j.geometry.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Records go component by component through their canonical constructor. */
class KryoRecordTest {
    private static final TypePolicy THIS_PACKAGE =
            TypePolicy.defaults().allowPackages(KryoRecordTest.class.getPackageName());
    private final KryoSerializer kryo = new KryoSerializer();

    /** Every primitive kind, a string and a component written with its class name. */
    record AllKinds(int i, long l, double d, float f, boolean z, byte b, short s, char c, String text, Object any) {
    }

    /** A record whose compact constructor validates. */
    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value <= 0: " + value);
            }
        }
    }

    /** A record holding another record and a generic component. */
    record Pair<T>(Positive first, T second) {
    }

    /** A non-public record with no components. */
    private record Empty() {
    }

    /** A record that names its own Kryo serializer, which marks what it reads. */
    @DefaultSerializer(Counted.Marking.class)
    record Counted(int n) {
        /** Reads back n + 1, so a test can tell it ran. */
        public static final class Marking extends Serializer<Counted> {
            @Override
            public void write(Kryo kryo, Output output, Counted value) {
                output.writeVarInt(value.n(), true);
            }

            @Override
            public Counted read(Kryo kryo, Input input, Class<? extends Counted> type) {
                return new Counted(input.readVarInt(true) + 1);
            }
        }
    }

    /** A record holding an object the receiving policy does not allow. */
    record Carrier(Object payload) {
    }

    private Object roundTrip(Object value) {
        byte[] payload = encode(kryo, value);
        return kryo.decode(payload, 0, payload.length, THIS_PACKAGE);
    }

    @Test
    void everyComponentKindRoundTrips() {
        AllKinds extremes = new AllKinds(Integer.MIN_VALUE, Long.MAX_VALUE, -0.0, Float.NaN, true, Byte.MIN_VALUE,
                Short.MIN_VALUE, '\uffff', "naïve ☃", List.of(1, "two", 3.0));
        AllKinds nulls = new AllKinds(0, 0, 0, 0, false, (byte) 0, (short) 0, 'a', null, null);
        assertThat(roundTrip(extremes)).isEqualTo(extremes);
        assertThat(roundTrip(nulls)).isEqualTo(nulls);
    }

    @Test
    void nestedGenericAndEmptyRecordsRoundTrip() {
        Pair<Map<String, Positive>> pair = new Pair<>(new Positive(3), Map.of("k", new Positive(4)));
        assertThat(roundTrip(pair)).isEqualTo(pair);
        assertThat(roundTrip(new Empty())).isEqualTo(new Empty());
        assertThat(roundTrip(List.of(new Positive(1), new Positive(1)))).isEqualTo(
                List.of(new Positive(1), new Positive(1)));
    }

    @Test
    void sharedComponentObjectStaysShared() {
        List<String> shared = new ArrayList<>(List.of("x"));
        Pair<?> decoded = (Pair<?>) roundTrip(new Pair<>(new Positive(1), List.of(shared, shared)));
        List<?> both = (List<?>) decoded.second();
        assertThat(both.get(0)).isSameAs(both.get(1));
    }

    @Test
    void constructorRejectingThePayloadIsADecodeException() {
        byte[] payload = encode(kryo, new Positive(5));
        // The int component is the payload's last byte: zigzag varint 10 (= 5). Zigzag 9 is -5.
        payload[payload.length - 1] = 9;
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> kryo.decode(payload, 0, payload.length, THIS_PACKAGE));
        assertThat(e).hasMessageContaining("kryo payload of " + payload.length + " bytes cannot be decoded")
                .hasMessageContaining("value <= 0: -5");
        assertThat(e.getClass()).isEqualTo(DecodeException.class);
    }

    @Test
    void recordNamingItsOwnSerializerKeepsIt() {
        assertThat(roundTrip(new Counted(1))).isEqualTo(new Counted(2));
    }

    @Test
    void componentOfARefusedTypeIsRefusedByName() {
        byte[] payload = encode(kryo, new Carrier(new Point(1, 2)));
        TypePolicy recordOnly = TypePolicy.defaults().allowClasses(Carrier.class.getName());
        TypeNotAllowedException e = catchThrowableOfType(TypeNotAllowedException.class,
                () -> kryo.decode(payload, 0, payload.length, recordOnly));
        assertThat(e.typeName()).isEqualTo(Point.class.getName());
    }

    @Test
    @Timeout(60)
    void concurrentThreadsShareOneSerializer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 10_000;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 1; i <= 2_000; i++) {
                        Pair<String> value = new Pair<>(new Positive(base + i), "v" + i);
                        if (roundTrip(value).equals(value)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(50, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
