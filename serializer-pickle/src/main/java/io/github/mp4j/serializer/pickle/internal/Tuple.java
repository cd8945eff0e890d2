package io.github.mp4j.serializer.pickle.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A Python tuple used as a dict key or set element: an unmodifiable {@code List} (so it equals and hashes like
 * {@code List.of(...)} with the same elements) whose elements are themselves hashable. Its hash code, nesting depth
 * and weight (elements counted as a tree) are computed once from its elements' cached values, so hashing a
 * structure that shares sub-tuples never walks it more than once.
 */
final class Tuple extends AbstractList<Object> implements RandomAccess, Hashable {
    private final Object[] elements;
    private final int hash;
    private final int depth;
    private final long weight;

    Tuple(Object[] elements) {
        this.elements = elements;
        int h = 1;
        int d = 0;
        long w = 1;
        for (Object e : elements) {
            h = 31 * h + (e == null ? 0 : e.hashCode());
            d = Math.max(d, Hashable.depthOf(e));
            w = Hashable.addSaturated(w, Hashable.weightOf(e));
        }
        this.hash = h;
        this.depth = d + 1;
        this.weight = w;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof Hashable && o.hashCode() != hash) {
            return false;
        }
        return super.equals(o);
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public long weight() {
        return weight;
    }
}
