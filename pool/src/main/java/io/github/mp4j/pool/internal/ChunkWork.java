package io.github.mp4j.pool.internal;

import io.github.mp4j.pool.SerializableBiFunction;
import io.github.mp4j.pool.SerializableFunction;
import java.util.ArrayList;

/**
 * One chunk of a {@code map}/{@code imap}/{@code starmap}: the function and its elements ({@code starmap}: pairs,
 * two array slots each). Returns the results as an {@link ArrayList}, in element order; the first exception fails
 * the whole chunk, as in CPython.
 */
public final class ChunkWork implements Work {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<Object, Object> function;
    private final SerializableBiFunction<Object, Object, Object> biFunction;
    private final Object[] elements;

    private ChunkWork(SerializableFunction<Object, Object> function,
            SerializableBiFunction<Object, Object, Object> biFunction, Object[] elements) {
        this.function = function;
        this.biFunction = biFunction;
        this.elements = elements;
    }

    public static ChunkWork of(SerializableFunction<Object, Object> function, Object[] elements) {
        return new ChunkWork(function, null, elements);
    }

    public static ChunkWork ofPairs(SerializableBiFunction<Object, Object, Object> function, Object[] pairs) {
        return new ChunkWork(null, function, pairs);
    }

    @Override
    public Object run() throws Exception {
        if (function != null) {
            ArrayList<Object> out = new ArrayList<>(elements.length);
            for (Object e : elements) {
                out.add(function.apply(e));
            }
            return out;
        }
        ArrayList<Object> out = new ArrayList<>(elements.length / 2);
        for (int i = 0; i < elements.length; i += 2) {
            out.add(biFunction.apply(elements[i], elements[i + 1]));
        }
        return out;
    }
}
