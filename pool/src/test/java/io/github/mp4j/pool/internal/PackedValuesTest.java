package io.github.mp4j.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks of Integer, Long or Double values travel packed, keep their types and values; anything else does not pack. */
class PackedValuesTest {

    @Test
    void integersLongsAndDoublesRoundTripWithTheirTypes() {
        List<Object> ints = List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        List<Object> longs = List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE);
        List<Object> doubles = List.of(0.5, -0.0, Double.NaN, Double.MAX_VALUE);
        for (List<Object> values : List.of(ints, longs, doubles)) {
            byte[] packed = PackedValues.pack(values);
            assertThat(Arrays.asList(PackedValues.unpack(packed, 0, packed.length))).isEqualTo(values)
                    .hasSameElementsAs(values);
            assertThat(PackedValues.unpack(packed, 0, packed.length)[0]).isExactlyInstanceOf(values.get(0).getClass());
        }
        assertThat(PackedValues.pack(ints)).hasSize(5 + 4 * 4);
    }

    @Test
    void mixedTypesNullsOtherTypesAndEmptyChunksAreLeftToTheSerializer() {
        assertThat(PackedValues.pack(List.of(1, 2L))).isNull();
        assertThat(PackedValues.pack(Arrays.asList(1, null))).isNull();
        assertThat(PackedValues.pack(Arrays.asList((Object) null))).isNull();
        assertThat(PackedValues.pack(List.of("a", "b"))).isNull();
        assertThat(PackedValues.pack(List.of())).isNull();
    }

    @Test
    void bytesThatAreNotAPackingAreRefusedWithTheirCountAndLength() {
        byte[] packed = PackedValues.pack(List.of(1, 2, 3));
        assertThatThrownBy(() -> PackedValues.unpack(packed, 0, packed.length - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packed values of kind 1 and count 3 do not fill 16 bytes");
        assertThatThrownBy(() -> PackedValues.unpack(packed, 0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packed values of 4 bytes are shorter than their header");
        packed[0] = 9;
        assertThatThrownBy(() -> PackedValues.unpack(packed, 0, packed.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packed values of kind 9 and count 3 do not fill 17 bytes");
    }
}
