package io.github.mp4j.serializer.pickle.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a decoded value before it is handed out, in one pass over its distinct objects (shared ones visited once,
 * no recursion): every object is one of the mapped value types (no stack mark, no bare global), containers nest at
 * most {@link Limits#MAX_DEPTH} deep, and no container contains itself. Java's {@code equals}, {@code hashCode} and
 * {@code toString} on collections recurse without end on a cycle, so a cyclic pickle is refused rather than
 * handed out as a trap.
 */
final class ResultCheck {
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Long.class, BigInteger.class, Double.class,
            Boolean.class, byte[].class, BigDecimal.class, LocalDate.class, LocalDateTime.class,
            OffsetDateTime.class, LocalTime.class, OffsetTime.class, Duration.class, ZoneOffset.class);
    private static final int IN_PROGRESS = -1;

    private ResultCheck() {
    }

    /** Returns {@code value} if it passes; throws {@link PickleRefusal} naming the broken condition otherwise. */
    static Object check(Object value, Object marker) {
        if (depthLeaf(value, marker) >= 0) {
            return value;
        }
        IdentityHashMap<Object, Integer> depths = new IdentityHashMap<>();
        ArrayDeque<Frame> path = new ArrayDeque<>();
        path.push(new Frame(value, children(value)));
        depths.put(value, IN_PROGRESS);
        while (!path.isEmpty()) {
            Frame frame = path.peek();
            if (frame.children.hasNext()) {
                Object child = frame.children.next();
                int leaf = depthLeaf(child, marker);
                if (leaf >= 0) {
                    frame.deepest = Math.max(frame.deepest, leaf);
                    continue;
                }
                Integer known = depths.get(child);
                if (known == null) {
                    if (path.size() >= Limits.MAX_DEPTH) {
                        throw PickleRefusal.malformed("containers nest deeper than " + Limits.MAX_DEPTH + " levels");
                    }
                    depths.put(child, IN_PROGRESS);
                    path.push(new Frame(child, children(child)));
                } else if (known == IN_PROGRESS) {
                    throw PickleRefusal.malformed("a " + PythonNames.of(child) + " contains itself (a reference"
                            + " cycle); cyclic data is not decoded because Java collections cannot compare, hash"
                            + " or print it");
                } else {
                    frame.deepest = Math.max(frame.deepest, known);
                }
            } else {
                path.pop();
                int depth = frame.deepest + 1;
                if (depth > Limits.MAX_DEPTH) {
                    throw PickleRefusal.malformed("containers nest deeper than " + Limits.MAX_DEPTH + " levels");
                }
                depths.put(frame.node, depth);
                if (!path.isEmpty()) {
                    path.peek().deepest = Math.max(path.peek().deepest, depth);
                }
            }
        }
        return value;
    }

    /** The depth of a value that needs no walk (scalars, cached keys), or -1 for a mutable container. */
    private static int depthLeaf(Object o, Object marker) {
        if (o == null || SCALARS.contains(o.getClass())) {
            return 0;
        }
        if (o instanceof Hashable) {
            return ((Hashable) o).depth();
        }
        if (o instanceof Object[] || o instanceof ArrayList || o instanceof LinkedHashMap
                || o instanceof LinkedHashSet) {
            return -1;
        }
        if (o == marker) {
            throw PickleRefusal.malformed("pickle leaves a stack MARK inside the value");
        }
        if (o instanceof PyGlobal) {
            throw PickleRefusal.malformed("pickle holds the " + PythonNames.of(o) + " itself (a class or function"
                    + " object) as a value; only instances of plain data are decoded");
        }
        throw PickleRefusal.malformed("pickle holds a " + o.getClass().getName() + ", not plain data");
    }

    private static Iterator<?> children(Object o) {
        if (o instanceof Object[]) {
            return Arrays.asList((Object[]) o).iterator();
        }
        if (o instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) o;
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            return new Iterator<>() {
                private Object pendingValue;
                private boolean valueNext;

                @Override
                public boolean hasNext() {
                    return valueNext || entries.hasNext();
                }

                @Override
                public Object next() {
                    if (valueNext) {
                        valueNext = false;
                        return pendingValue;
                    }
                    Map.Entry<?, ?> e = entries.next();
                    pendingValue = e.getValue();
                    valueNext = true;
                    return e.getKey();
                }
            };
        }
        if (o instanceof Iterable) {
            return ((Iterable<?>) o).iterator();
        }
        return Collections.emptyIterator();
    }

    private static final class Frame {
        final Object node;
        final Iterator<?> children;
        int deepest;

        Frame(Object node, Iterator<?> children) {
            this.node = node;
            this.children = children;
        }
    }
}
