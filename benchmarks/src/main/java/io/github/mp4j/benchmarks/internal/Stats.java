package io.github.mp4j.benchmarks.internal;

import java.util.Arrays;
import java.util.List;

/** Medians and timing helpers. */
public final class Stats {
    private Stats() {
    }

    /** The median of {@code values} (mean of the middle two for an even count); NaN when empty. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    /** Seconds elapsed since {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
