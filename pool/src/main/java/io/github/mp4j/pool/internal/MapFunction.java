package io.github.mp4j.pool.internal;

import io.github.mp4j.pool.SerializableBiFunction;
import io.github.mp4j.pool.SerializableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The function of one map ({@code map}, {@code imap}, {@code starmap}), JDK-serialized once in the caller and sent
 * once to each worker that runs a chunk of the map (before its first chunk there), instead of once per chunk. The
 * worker keeps it until the parent says the map ended ({@link Wire#forget}). {@link #apply} is what a worker (or
 * this JVM, for {@code shutdownNow}'s list of chunks never sent) does with one chunk.
 */
final class MapFunction {
    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    final byte[] frame;
    private final Object function;
    private final boolean pairs;

    /**
     * @param function a {@code SerializableFunction}, or a {@code SerializableBiFunction} when {@code pairs}
     * @throws io.github.mp4j.SerializationException if the function or what it captures is not JDK-serializable
     */
    MapFunction(Object function, boolean pairs, String what) {
        this.function = function;
        this.pairs = pairs;
        this.frame = Wire.function(id, pairs, function, what);
    }

    /** Whether elements come as pairs, two array slots each ({@code starmap}). */
    boolean pairs() {
        return pairs;
    }

    /** Runs this map's function over one chunk here, as a worker would. */
    Runnable locally(Object[] elements) {
        return () -> {
            try {
                apply(function, pairs, elements);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        };
    }

    /**
     * {@code function} applied to every element of a chunk, in element order ({@code pairs}: to each pair of slots);
     * the first exception fails the whole chunk, as in CPython.
     */
    @SuppressWarnings("unchecked")
    static List<Object> apply(Object function, boolean pairs, Object[] elements) throws Exception {
        if (!pairs) {
            SerializableFunction<Object, Object> f = (SerializableFunction<Object, Object>) function;
            ArrayList<Object> out = new ArrayList<>(elements.length);
            for (Object e : elements) {
                out.add(f.apply(e));
            }
            return out;
        }
        SerializableBiFunction<Object, Object, Object> f = (SerializableBiFunction<Object, Object, Object>) function;
        ArrayList<Object> out = new ArrayList<>(elements.length / 2);
        for (int i = 0; i < elements.length; i += 2) {
            out.add(f.apply(elements[i], elements[i + 1]));
        }
        return out;
    }
}
