package io.github.mp4j.serializer.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.HashWork;
import io.github.mp4j.spi.JavaStreamWork;
import io.github.mp4j.testkit.DecodeBombs;
import io.github.mp4j.testkit.SampleValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pass that charges a java.io stream's hashing work follows every stream ObjectOutputStream writes to its end
 * (a stream it could not follow would be left unguarded), and a bomb stays refused when its tail is garbage.
 */
class JavaStreamWorkTest {
    private static final TypePolicy SAMPLES = TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void followsEveryKindOfValueToItsEnd() throws IOException {
        List<Object> values = new ArrayList<>(SampleValues.all());
        values.addAll(SampleValues.collections());
        values.addAll(SampleValues.immutableCollections());
        values.addAll(SampleValues.boxed());
        values.addAll(SampleValues.strings());
        values.addAll(List.of(SampleValues.cycle(), new int[] {1, 2}, new String[][] {{"a"}, {}},
                Collections.unmodifiableSet(new TreeSet<>(List.of("x", "y"))), new ConcurrentHashMap<>(java.util.Map.of(1, 2)),
                java.time.Duration.ofSeconds(3), Arrays.asList(1, 2), SampleValues.bytes(70_000),
                DecodeBombs.manyDistinctSets()));
        for (Object v : values) {
            byte[] payload = serialize(v);
            long weight = JavaStreamWork.charge(payload, 0, payload.length, new HashWork(payload.length), 1000);
            assertThat(weight).as("weight of %s", v.getClass().getName()).isPositive();
        }
    }

    @Test
    void weightCountsSharedObjectsEachTimeTheyAreReached() throws IOException {
        List<Object> leaf = new ArrayList<>(List.of("a"));
        byte[] payload = serialize(new ArrayList<>(List.of(leaf, leaf)));
        // outer list 1 + leaf (1 + "a") twice
        assertThat(JavaStreamWork.charge(payload, 0, payload.length, new HashWork(payload.length), 1000)).isEqualTo(5);
    }

    @Test
    @Timeout(60)
    void bombWithAGarbageTailIsStillRefusedByTheBudget() throws IOException {
        byte[] payload = serialize(DecodeBombs.nestedHashSets(100));
        Arrays.fill(payload, payload.length - 40, payload.length, (byte) 0x7f);
        assertThatThrownBy(() -> new JdkSerializer().decode(payload, 0, payload.length, SAMPLES))
                .isExactlyInstanceOf(DecodeException.class).hasMessageContaining("exceeds the budget");
    }
}
