package io.github.mp4j.serializer.pickle.internal;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Python frozenset: an unmodifiable {@code Set} (equal to any {@code Set} with the same elements) whose elements
 * are hashable. Hash code, depth and weight are cached as in {@link Tuple}.
 */
final class FrozenSet extends AbstractSet<Object> implements Hashable {
    private final Set<Object> elements;
    private final int hash;
    private final int depth;
    private final long weight;

    /** @param elements hashable elements, already deduplicated; kept as given (not copied) */
    FrozenSet(LinkedHashSet<Object> elements) {
        this.elements = Collections.unmodifiableSet(elements);
        int h = 0;
        int d = 0;
        long w = 1;
        for (Object e : elements) {
            h += e == null ? 0 : e.hashCode();
            d = Math.max(d, Hashable.depthOf(e));
            w = Hashable.addSaturated(w, Hashable.weightOf(e));
        }
        this.hash = h;
        this.depth = d + 1;
        this.weight = w;
    }

    @Override
    public Iterator<Object> iterator() {
        return elements.iterator();
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public boolean contains(Object o) {
        return elements.contains(o);
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
