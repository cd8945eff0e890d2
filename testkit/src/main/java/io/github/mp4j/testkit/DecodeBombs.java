package io.github.mp4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.example.mp4j.samples.SmallRecord;

/**
 * Small values whose decoding makes hash-based collections hash shared objects again and again: each level
 * references the next one twice, so the payload grows linearly with the depth while hashing the top walks
 * 2<sup>depth</sup> objects. Building and encoding them is cheap (nothing is hashed after it is filled); decoding
 * them without a hashing-work budget never ends at depth 100. Also large legitimate values that must still decode.
 */
public final class DecodeBombs {
    private DecodeBombs() {
    }

    /** The classic one: nested {@code HashSet}s, two per level, each holding both sets of the next level. */
    public static Set<Object> nestedHashSets(int depth) {
        return nestedSets(depth, HashSet::new);
    }

    /** {@link #nestedHashSets} with another set type (e.g. {@code LinkedHashSet}). */
    public static Set<Object> nestedSets(int depth, Supplier<Set<Object>> sets) {
        Set<Object> root = sets.get();
        Set<Object> s1 = root;
        Set<Object> s2 = sets.get();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = sets.get();
            Set<Object> t2 = sets.get();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** Nested {@code HashMap}s whose keys are the two maps of the next level. */
    public static Map<Object, Object> nestedMapKeys(int depth) {
        Map<Object, Object> root = new HashMap<>();
        Map<Object, Object> m1 = root;
        Map<Object, Object> m2 = new HashMap<>();
        for (int i = 0; i < depth; i++) {
            Map<Object, Object> t1 = new HashMap<>();
            Map<Object, Object> t2 = new HashMap<>();
            t1.put("foo", i);
            m1.put(t1, "a");
            m1.put(t2, "b");
            m2.put(t1, "a");
            m2.put(t2, "b");
            m1 = t1;
            m2 = t2;
        }
        return root;
    }

    /** A {@code HashMap} keyed by a {@code TreeMap} whose one value is a list chain: a map's hash walks its values. */
    public static Map<Object, Object> treeMapOfListChain(int depth) {
        Map<Object, Object> inner = new TreeMap<>();
        Map<Object, Object> outer = new HashMap<>();
        outer.put(inner, "v");
        List<Object> chain = new ArrayList<>();
        inner.put("k", chain);
        fillChain(chain, depth);
        return outer;
    }

    /** A {@code HashSet} holding one list whose every level holds the next level twice. */
    public static Set<Object> listsAsKeys(int depth) {
        Set<Object> set = new HashSet<>();
        List<Object> top = new ArrayList<>();
        set.add(top);
        fillChain(top, depth);
        return set;
    }

    /** A {@code LinkedHashSet} holding one {@code Arrays.asList} chain, two references per level. */
    public static Set<Object> arraysAsListAsKeys(int depth) {
        Set<Object> set = new LinkedHashSet<>();
        Object[] level = new Object[2];
        set.add(Arrays.asList(level));
        for (int i = 0; i < depth; i++) {
            Object[] next = new Object[] {"leaf", "leaf"};
            List<Object> nextList = Arrays.asList(next);
            level[0] = nextList;
            level[1] = nextList;
            level = next;
        }
        return set;
    }

    /** A {@code HashSet} holding one record whose list component holds the next record twice (records hash it). */
    @SuppressWarnings("unchecked")
    public static Set<Object> recordsAsKeys(int depth) {
        Set<Object> set = new HashSet<>();
        List<Object> tags = new ArrayList<>();
        set.add(new SmallRecord(0, "r", (List<String>) (List<?>) tags, 0.5));
        for (int i = 1; i <= depth; i++) {
            List<Object> next = new ArrayList<>();
            SmallRecord record = new SmallRecord(i, "r", (List<String>) (List<?>) next, 0.5);
            tags.add(record);
            tags.add(record);
            tags = next;
        }
        return set;
    }

    /**
     * A {@code LinkedList} that holds a list chain and then a {@code HashSet} whose one element is that same,
     * still unfinished, list. Decoding fills the list element by element, so when the set is read the list already
     * holds the chain: inserting the back-reference into the set hashes the chain (2<sup>depth</sup> objects) although
     * the list is not finished yet. Built without hashing: the list is added to the set while it is still empty.
     */
    public static List<Object> unfinishedListInASet(int depth) {
        List<Object> top = new java.util.LinkedList<>();
        Set<Object> set = new HashSet<>();
        set.add(top);
        List<Object> chain = new ArrayList<>();
        fillChain(chain, depth);
        top.add(chain);
        top.add(set);
        return top;
    }

    /**
     * A {@code PriorityQueue} holding {@code references} references to one {@code BigInteger} of {@code bytes}
     * magnitude bytes. {@code BigInteger.compareTo} walks both magnitudes even for the same instance (and its
     * {@code hashCode} is not cached), so decoding, which sifts every element in, does {@code bytes} of work per
     * reference: quadratic in the payload. Built without comparing: a {@code PriorityQueue} copies a sorted set's
     * elements as they are.
     */
    public static java.util.PriorityQueue<Object> sharedBigNumberInAPriorityQueue(int bytes, int references) {
        java.math.BigInteger big = java.math.BigInteger.ONE.shiftLeft(8 * bytes - 1);
        Object[] refs = new Object[references];
        Arrays.fill(refs, big);
        java.util.SortedSet<Object> presorted = new java.util.TreeSet<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Object[] toArray() {
                return refs.clone();
            }
        };
        return new java.util.PriorityQueue<>(presorted);
    }

    /** The bombs above at one depth, by name, for parameterised tests. */
    public static Map<String, Object> all(int depth) {
        Map<String, Object> bombs = new java.util.LinkedHashMap<>();
        bombs.put("nested HashSets", nestedHashSets(depth));
        bombs.put("nested LinkedHashSets", nestedSets(depth, LinkedHashSet::new));
        bombs.put("HashMap keys", nestedMapKeys(depth));
        bombs.put("lists as HashSet elements", listsAsKeys(depth));
        bombs.put("Arrays.asList in a LinkedHashSet", arraysAsListAsKeys(depth));
        bombs.put("records as HashSet elements", recordsAsKeys(depth));
        bombs.put("TreeMap value in a HashMap", treeMapOfListChain(depth));
        bombs.put("unfinished list as a HashSet element", unfinishedListInASet(depth));
        return bombs;
    }

    /** 10 000 distinct small sets in one set: legitimate, must decode. */
    public static Set<Object> manyDistinctSets() {
        Set<Object> sets = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sets.add(new HashSet<>(List.of("s" + i, i, (long) i * 7)));
        }
        return sets;
    }

    /** A map of 100 000 entries: legitimate, must decode. */
    public static Map<Object, Object> largeMap() {
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            map.put("key-" + i, List.of(i, "v" + i));
        }
        return map;
    }

    /** Nested sets 200 deep, each level also holding a few leaves: deep but without sharing, must decode. */
    public static Set<Object> deepDistinctSets() {
        Set<Object> level = new HashSet<>(List.of("bottom"));
        for (int i = 0; i < 200; i++) {
            Set<Object> outer = new HashSet<>();
            outer.add(level);
            outer.add("leaf" + i);
            outer.add(i);
            level = outer;
        }
        return level;
    }

    /** Fills {@code top} top-down (adding to a list hashes nothing): each level holds the next one twice. */
    private static void fillChain(List<Object> top, int depth) {
        List<Object> level = top;
        for (int i = 0; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            next.add("leaf");
            level.add(next);
            level.add(next);
            level = next;
        }
    }
}
