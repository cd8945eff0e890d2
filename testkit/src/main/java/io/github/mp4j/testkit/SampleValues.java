package io.github.mp4j.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.example.mp4j.samples.Color;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.Node;
import org.example.mp4j.samples.Order;
import org.example.mp4j.samples.SmallRecord;

/** Sample values for the serializer contract suite; each call returns fresh objects. */
public final class SampleValues {
    /** The package of the sample application types, for {@code TypePolicy.allowPackages}. */
    public static final String SAMPLES_PACKAGE = "org.example.mp4j.samples";

    private SampleValues() {
    }

    /** The benchmark's small record. */
    public static SmallRecord smallRecord() {
        return new SmallRecord(42, "widget", List.of("a", "bb", "ccc"), 3.25);
    }

    /** An order with a nested customer, three items and a colour. */
    public static Order order() {
        return new Order(7L, new Customer("Ada", "ada@example.org"), List.of("tea", "cake", "jam"), Color.BLUE);
    }

    /** Two nodes pointing at each other; returns the first. */
    public static Node cycle() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.setNext(b);
        b.setNext(a);
        return a;
    }

    /** {@code size} pseudo-random bytes, the same for the same size. */
    public static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Strings: empty, ASCII, non-Latin with a supplementary character, and 100 000 characters. */
    public static List<String> strings() {
        return List.of("", "hello", "h\u00e9llo w\u00f6rld \u2713 \u4e2d\u6587 \ud834\udd1e", "x".repeat(100_000));
    }

    /** One value of every boxed primitive type, including edge values. */
    public static List<Object> boxed() {
        return List.of(42, Integer.MIN_VALUE, 1L << 40, (short) -7, (byte) 0x7f, 2.5d, Double.NaN, -0.0f,
                Boolean.TRUE, false, 'x', '\u20ac');
    }

    /** Mutable JDK collections and maps holding strings and numbers. */
    public static List<Object> collections() {
        Map<String, Integer> hashMap = new HashMap<>(Map.of("one", 1, "two", 2));
        Map<String, List<String>> linked = new LinkedHashMap<>();
        linked.put("z", new ArrayList<>(List.of("last")));
        linked.put("a", new ArrayList<>());
        return List.of(new ArrayList<>(List.of("x", "y", "z")), new LinkedList<>(List.of(1, 2, 3)), hashMap, linked,
                new TreeMap<>(Map.of("b", 2L, "a", 1L)), new HashSet<>(Set.of("p", "q")), new ArrayList<>());
    }

    /** Immutable collections made by {@code List.of}, {@code Set.of}, {@code Map.of}. */
    public static List<Object> immutableCollections() {
        return List.of(List.of(), List.of("one"), List.of(1, 2, 3), Set.of("s"), Map.of(), Map.of("k", "v"));
    }

    /**
     * The default sample values: a string, a boxed value, a list, a map, the small record, an enum constant and
     * an order. Equal by {@code equals} after a round trip.
     */
    public static List<Object> all() {
        return List.of("hello", 42, new ArrayList<>(List.of("x", "y")), new HashMap<>(Map.of("k", 1)),
                smallRecord(), Color.GREEN, order());
    }
}
