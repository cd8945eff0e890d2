package io.github.mp4j.pool.internal;

import java.util.Iterator;
import java.util.Map;

/**
 * Cuts a map's input into chunks of {@code size} elements (the last may be shorter), as CPython's {@code Pool}
 * does; for {@code starmap} each element is a pair laid out as two slots.
 */
public final class Chunker {
    private final int size;
    private final boolean pairs;

    public Chunker(int size, boolean pairs) {
        if (size < 1) {
            throw new IllegalArgumentException("chunksize " + size + " is not positive");
        }
        this.size = size;
        this.pairs = pairs;
    }

    /**
     * CPython's default chunk size for {@code map} of {@code length} elements over {@code workers} workers:
     * {@code divmod(length, workers * 4)}, plus one when there is a remainder; 1 for an empty input.
     */
    public static int defaultSize(long length, int workers) {
        long per = workers * 4L;
        long chunk = length / per + (length % per != 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, chunk));
    }

    /** The next chunk, or null when the input is exhausted. */
    Object[] next(Iterator<?> input) {
        if (!input.hasNext()) {
            return null;
        }
        Object[] chunk = new Object[pairs ? size * 2 : size];
        int n = 0;
        while (n < chunk.length && input.hasNext()) {
            Object e = input.next();
            if (pairs) {
                Map.Entry<?, ?> pair = (Map.Entry<?, ?>) e;
                chunk[n++] = pair.getKey();
                chunk[n++] = pair.getValue();
            } else {
                chunk[n++] = e;
            }
        }
        return n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n);
    }

    /** The number of input elements in {@code chunk}. */
    int elements(Object[] chunk) {
        return pairs ? chunk.length / 2 : chunk.length;
    }
}
