package io.github.mp4j.serializer.kryo.internal;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * Weights of finished objects by identity, for one decode. The first {@value #SMALL} live in two arrays searched
 * from the newest (a small message's few objects cost no hashing, and clearing them writes only what was used);
 * more go to an {@link IdentityHashMap}, so a large decode still finds each one in constant time.
 */
final class IdentityWeights {
    private static final int SMALL = 8;
    private final Object[] keys = new Object[SMALL];
    private final long[] values = new long[SMALL];
    private int size;
    private final IdentityHashMap<Object, Long> more = new IdentityHashMap<>();

    /** The weight remembered for {@code object}, or 0 if none. */
    long get(Object object) {
        for (int i = size - 1; i >= 0; i--) {
            if (keys[i] == object) {
                return values[i];
            }
        }
        if (more.isEmpty()) {
            return 0;
        }
        Long w = more.get(object);
        return w == null ? 0 : w;
    }

    /** Remembers {@code weight} (above 0) for {@code object}, which has none yet. */
    void put(Object object, long weight) {
        if (size < SMALL) {
            keys[size] = object;
            values[size] = weight;
            size++;
        } else {
            more.put(object, weight);
        }
    }

    /** Forgets every object, keeping none of them alive. */
    void clear() {
        if (size > 0) {
            Arrays.fill(keys, 0, size, null);
            size = 0;
        }
        if (!more.isEmpty()) {
            more.clear(); // fills its whole table: only when something is in it
        }
    }
}
