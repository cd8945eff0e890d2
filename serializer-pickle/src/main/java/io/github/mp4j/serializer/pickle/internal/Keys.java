package io.github.mp4j.serializer.pickle.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts dict keys and set elements into the maps and sets of one decode, as Python requires them to be: hashable.
 * A tuple becomes a {@link Tuple} (converted once per tuple object, however often it is shared), a list, dict or
 * set is refused as Python's {@code unhashable type} is, and every insertion is charged to a work budget
 * proportional to the payload's length: the key's weight (its elements counted as a tree) once, plus once per key
 * already in that container with the same hash code (each may cost an {@code equals} as deep as the key). A payload
 * of keys built from shared references (the nested-collection bomb) therefore exhausts the budget instead of a core.
 */
final class Keys {
    private final long budget;
    private long spent;
    private final IdentityHashMap<Object[], Tuple> tuples = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Map<Integer, Integer>> hashCounts = new IdentityHashMap<>();

    Keys(long budget) {
        this.budget = budget;
    }

    /** Puts {@code key -> value} into {@code map} as Python's {@code dict[key] = value} does. */
    void put(Map<Object, Object> map, Object key, Object value) {
        Object k = hashable(key, 0);
        charge(map, k);
        map.put(k, value);
    }

    /** Adds {@code element} to {@code set} as Python's {@code set.add} does. */
    void add(Set<Object> set, Object element) {
        Object e = hashable(element, 0);
        charge(set, e);
        set.add(e);
    }

    /** A frozenset of the given elements. */
    FrozenSet frozenSet(Iterable<?> items) {
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        for (Object item : items) {
            add(set, item);
        }
        hashCounts.remove(set);
        FrozenSet frozen = new FrozenSet(set);
        checkDepth(frozen.depth());
        return frozen;
    }

    private void charge(Object container, Object key) {
        Map<Integer, Integer> counts = hashCounts.computeIfAbsent(container, c -> new HashMap<>());
        int same = counts.merge(key == null ? 0 : key.hashCode(), 1, Integer::sum) - 1;
        long weight = Hashable.weightOf(key);
        long cost = weight > Long.MAX_VALUE / (same + 1L) ? Long.MAX_VALUE : weight * (same + 1L);
        spent = Hashable.addSaturated(spent, cost);
        if (spent > budget) {
            throw PickleRefusal.malformed("hashing dict keys and set elements needs more than the work budget of "
                    + budget + " element visits for this payload (a key of weight " + weight + " meets " + same
                    + " keys with the same hash): refused as a nested-collection bomb");
        }
    }

    private Object hashable(Object o, int depth) {
        if (o == null || o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean
                || o instanceof BigInteger || o instanceof BigDecimal || o instanceof byte[]
                || o instanceof Hashable || o instanceof TemporalAccessor || o instanceof Duration
                || o instanceof ZoneOffset) {
            return o;
        }
        if (o instanceof Object[]) {
            Object[] array = (Object[]) o;
            Tuple done = tuples.get(array);
            if (done != null) {
                return done;
            }
            checkDepth(depth + 1);
            Object[] elements = new Object[array.length];
            for (int i = 0; i < array.length; i++) {
                elements[i] = hashable(array[i], depth + 1);
            }
            Tuple tuple = new Tuple(elements);
            checkDepth(tuple.depth());
            tuples.put(array, tuple);
            return tuple;
        }
        throw PickleRefusal.malformed("unhashable type: '" + PythonNames.of(o)
                + "' used as a dict key or set element");
    }

    private static void checkDepth(int depth) {
        if (depth > Limits.MAX_DEPTH) {
            throw PickleRefusal.malformed("dict key or set element nests deeper than " + Limits.MAX_DEPTH
                    + " levels");
        }
    }
}
