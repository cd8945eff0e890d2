package io.github.mp4j.serializer.pickle.internal;

/** A decoded composite key (tuple or frozenset) that caches its nesting depth and weight. */
interface Hashable {
    /** Containers nested in this one, counting itself: 1 for a tuple of scalars. */
    int depth();

    /** Elements counted as a tree (shared sub-keys counted each time), saturating at {@code Long.MAX_VALUE}. */
    long weight();

    static int depthOf(Object o) {
        return o instanceof Hashable ? ((Hashable) o).depth() : 0;
    }

    static long weightOf(Object o) {
        return o instanceof Hashable ? ((Hashable) o).weight() : 1;
    }

    static long addSaturated(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
