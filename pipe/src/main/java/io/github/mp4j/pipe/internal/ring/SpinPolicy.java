package io.github.mp4j.pipe.internal.ring;

import java.time.Duration;

/**
 * How long a ring waiter (a reader facing an empty ring, a writer facing a full one) stays awake before it parks on
 * the doorbell socket: first {@code spin} of {@link Thread#onSpinWait()}, then until {@code spin + yield} has passed
 * with {@link Thread#yield()} between checks, then it announces parking and blocks.
 *
 * <p>Parking costs the peer a doorbell write and this thread a wake-up through the kernel (~15 us each way here,
 * ~30 us round trip); spinning costs a core. The default spends about that much awake before parking, so a waiter
 * answered within the spin window pays ~1 us and one answered later pays at most twice the parked cost. On 2 cores
 * with a third busy thread a longer spin starves the very thread it waits for, hence the short yield phase.
 * Override with the system properties {@code mp4j.ring.spinMicros} and {@code mp4j.ring.yieldMicros}.
 *
 * @param spinNanos nanoseconds of busy spinning, at least 0
 * @param yieldNanos nanoseconds of yielding after the spin, at least 0
 */
public record SpinPolicy(long spinNanos, long yieldNanos) {
    /** Default spin, in microseconds. */
    public static final long DEFAULT_SPIN_MICROS = 10;
    /** Default yield phase after the spin, in microseconds. */
    public static final long DEFAULT_YIELD_MICROS = 20;

    /** Never spins: announce and park at once (what a test of the park protocol wants). */
    public static final SpinPolicy PARK_AT_ONCE = new SpinPolicy(0, 0);

    /** Checks the values. */
    public SpinPolicy {
        if (spinNanos < 0 || yieldNanos < 0) {
            throw new IllegalArgumentException("spin " + spinNanos + " ns and yield " + yieldNanos
                    + " ns must not be negative");
        }
    }

    /** The policy of the given durations. */
    public static SpinPolicy of(Duration spin, Duration yield) {
        return new SpinPolicy(spin.toNanos(), yield.toNanos());
    }

    /** The default, or the system properties {@code mp4j.ring.spinMicros} / {@code mp4j.ring.yieldMicros}. */
    public static SpinPolicy defaults() {
        return new SpinPolicy(micros("mp4j.ring.spinMicros", DEFAULT_SPIN_MICROS) * 1000,
                micros("mp4j.ring.yieldMicros", DEFAULT_YIELD_MICROS) * 1000);
    }

    private static long micros(String property, long fallback) {
        String v = System.getProperty(property);
        if (v == null) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + property + "=" + v + " is not a number of"
                    + " microseconds", e);
        }
    }
}
