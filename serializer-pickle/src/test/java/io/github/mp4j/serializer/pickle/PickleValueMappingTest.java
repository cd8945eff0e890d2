package io.github.mp4j.serializer.pickle;

import static io.github.mp4j.serializer.pickle.Pickles.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.SerializationException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.SampleValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.example.mp4j.samples.Color;
import org.junit.jupiter.api.Test;

/** Java values to pickle and back: the value table of {@link PickleSerializer}, row by row. */
class PickleValueMappingTest {

    @Test
    void everyJavaIntegerTypeComesBackAsLongOrBigInteger() {
        assertThat(roundTrip(42)).isEqualTo(42L);
        assertThat(roundTrip((short) -7)).isEqualTo(-7L);
        assertThat(roundTrip((byte) 0x7f)).isEqualTo(127L);
        assertThat(roundTrip(Integer.MIN_VALUE)).isEqualTo((long) Integer.MIN_VALUE);
        assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(BigInteger.valueOf(5))).isEqualTo(5L);
        BigInteger big = BigInteger.TWO.pow(100).negate();
        assertThat(roundTrip(big)).isEqualTo(big);
    }

    @Test
    void floatsComeBackAsDoubleAndStringsUnchanged() {
        assertThat(roundTrip(1.5f)).isEqualTo(1.5d);
        assertThat(roundTrip(Double.NaN)).isEqualTo(Double.NaN);
        assertThat(roundTrip(-0.0d)).isEqualTo(-0.0d);
        for (String s : SampleValues.strings()) {
            assertThat(roundTrip(s)).isEqualTo(s);
        }
        assertThat(roundTrip('x')).isEqualTo("x");
        assertThat(roundTrip(Color.BLUE)).isEqualTo("BLUE");
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip(true)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void collectionsComeBackAsListDictAndSetKeepingOrder() {
        Object list = roundTrip(new LinkedList<>(List.of(1, 2, 3)));
        assertThat(list).isInstanceOf(ArrayList.class).isEqualTo(List.of(1L, 2L, 3L));
        Map<String, Object> map = new TreeMap<>(Map.of("b", 2, "a", "x", "c", List.of()));
        Object dict = roundTrip(map);
        assertThat(dict).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) dict).keySet())).isEqualTo(List.of("a", "b", "c"));
        assertThat(dict).isEqualTo(Map.of("a", "x", "b", 2L, "c", List.of()));
        Object set = roundTrip(new LinkedHashSet<>(List.of("p", "q")));
        assertThat(set).isInstanceOf(LinkedHashSet.class).isEqualTo(Set.of("p", "q"));
        assertThat(roundTrip(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void arraysAreTuplesAndTupleKeysComeBackAsLists() {
        assertThat((Object[]) roundTrip(new Object[] {1, "a", null})).containsExactly(1L, "a", null);
        Map<Object, Object> byPair = new LinkedHashMap<>();
        byPair.put(List.of(1, 2), "list key becomes a tuple");
        byPair.put(new Object[] {3, new Object[] {4}}, "nested tuple key");
        byPair.put(Set.of("s"), "set key becomes a frozenset");
        Map<?, ?> back = (Map<?, ?>) roundTrip(byPair);
        assertThat(back.get(List.of(1L, 2L))).isEqualTo("list key becomes a tuple");
        assertThat(back.get(List.of(3L, List.of(4L)))).isEqualTo("nested tuple key");
        assertThat(back.get(Set.of("s"))).isEqualTo("set key becomes a frozenset");
        Object ofTuples = roundTrip(Set.of(List.of("a", 1)));
        assertThat(ofTuples).isEqualTo(Set.of(List.of("a", 1L)));
    }

    @Test
    void bytesRoundTripIncludingFourMebibytes() {
        byte[] big = SampleValues.bytes(4 * 1024 * 1024);
        assertThat((byte[]) roundTrip(big)).isEqualTo(big);
        assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
    }

    @Test
    void javaTimeAndBigDecimalRoundTripAsDatetimeAndDecimal() {
        assertThat(roundTrip(LocalDate.of(1, 1, 1))).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(roundTrip(LocalTime.of(23, 59, 58, 999_999_000))).isEqualTo(LocalTime.of(23, 59, 58, 999_999_000));
        OffsetTime ot = OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHoursMinutes(-5, -30));
        assertThat(roundTrip(ot)).isEqualTo(ot);
        assertThat(roundTrip(Duration.ofSeconds(-1, 500_000_000))).isEqualTo(Duration.ofMillis(-500));
        assertThat(roundTrip(Duration.ofDays(3).plusNanos(1_234_567))).isEqualTo(Duration.ofDays(3).plusNanos(1_234_000));
        assertThat(roundTrip(ZoneOffset.ofHours(9))).isEqualTo(ZoneOffset.ofHours(9));
        ZonedDateTime paris = ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));
        assertThat(roundTrip(paris)).isEqualTo(paris.toOffsetDateTime());
        Instant now = Instant.parse("2026-12-01T20:30:05.123456Z");
        assertThat(roundTrip(now)).isEqualTo(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        assertThat(roundTrip(new BigDecimal("-1.50E+3"))).isEqualTo(new BigDecimal("-1.50E+3"));
        assertThatThrownBy(() -> Pickles.encode(LocalDate.of(10_000, 1, 1)))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("year 10000 is outside Python's datetime range 1..9999");
    }

    @Test
    void recordsAndBeansAreSentAsDictsWithoutAClassName() {
        Object record = roundTrip(SampleValues.smallRecord());
        assertThat(record).isEqualTo(Map.of("id", 42L, "name", "widget", "tags", List.of("a", "bb", "ccc"),
                "score", 3.25));
        assertThat(List.copyOf(((Map<?, ?>) record).keySet())).isEqualTo(List.of("id", "name", "tags", "score"));
        Map<?, ?> order = (Map<?, ?>) roundTrip(SampleValues.order());
        assertThat(order.get("customer")).isEqualTo(Map.of("name", "Ada", "email", "ada@example.org"));
        assertThat(order.get("color")).isEqualTo("BLUE");
        assertThat(order.containsKey("class") || order.containsKey("__class__")).isFalse();
    }

    @Test
    void sharedObjectsStaySharedAndCyclesAreRefused() {
        List<String> shared = new ArrayList<>(List.of("s"));
        List<?> back = (List<?>) roundTrip(new ArrayList<>(List.of(shared, shared)));
        assertThat(back.get(0)).isEqualTo(List.of("s")).isSameAs(back.get(1));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> Pickles.encode(cyclic)).isExactlyInstanceOf(SerializationException.class)
                .hasMessage("cannot pickle a java.util.ArrayList that contains itself: the pickle serializer sends"
                        + " trees and shared references, not cycles");
    }

    @Test
    void valuesWithoutAPythonCounterpartAreRefusedOnEncode() {
        assertThatThrownBy(() -> Pickles.encode(new StringBuilder("x")))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("cannot pickle a java.lang.StringBuilder for a Python peer: the pickle serializer sends"
                        + " str, int, float, bool, None, bytes, collections, maps, arrays, java.time, BigDecimal,"
                        + " records and beans");
        assertThatThrownBy(() -> Pickles.encode(List.of(TypePolicy.defaults())))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("serializer pickle cannot carry io.github.mp4j.TypePolicy (an mp4j Connection, queue or"
                        + " other mp4j object): a Python peer cannot attach to it");
        assertThatThrownBy(() -> Pickles.encode(Map.of(Map.of(), 1)))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("a java.util.ImmutableCollections$MapN cannot be a dict key or set element");
        Object deep = List.of();
        for (int i = 0; i < 1000; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> Pickles.encode(tooDeep)).isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("value nests deeper than 1000 levels at a java.util.ImmutableCollections$");
    }
}
