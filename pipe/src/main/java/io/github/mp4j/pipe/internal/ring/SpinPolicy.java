package io.github.mp4j.pipe.internal.ring;

import java.time.Duration;

/**
 * How long a ring waiter (a reader facing an empty ring, a writer facing a full one) stays awake before it parks on
 * the doorbell socket. Every wait first busy-spins {@code spin} with {@link Thread#onSpinWait()}, then calls
 * {@link Thread#yield()} between checks until its <em>awake window</em> has passed, then announces parking and
 * blocks. The window starts at {@code spin + yield} and adapts per ring end ({@link AwakeWindow}): it grows, up to
 * {@code maxAwake}, when messages arrive near or just after its end (a round trip whose reply takes a little longer
 * than the window, which would otherwise pay the doorbell every time), and shrinks back towards {@code spin} when
 * messages keep arriving long after any window this policy allows (a slow or idle peer, where staying awake only
 * burns a core).
 *
 * <p>Costs that set the defaults, measured here between two JVMs: a parked waiter woken through the Unix socket
 * costs ~15 us each way (~30 us round trip, a socket write and a wake-up); a waiter awake costs a core. The spin is
 * short (5 us) because on 2 cores a busy spin can hold the very core the peer needs; the yield phase gives that core
 * to any runnable thread, so it is nearly free to a busy machine while still catching a reply within a microsecond or
 * two on an idle one. The window starts at 30 us (about the parked round trip: a waiter answered later pays at most
 * twice the parked cost) and may grow to 100 us (beyond that, parking's ~15 us is small against the wait). An
 * idle receiver parks after one window and then uses no CPU until a doorbell byte or EOF arrives.
 *
 * <p>Override with the system properties {@code mp4j.ring.spinMicros}, {@code mp4j.ring.yieldMicros} and
 * {@code mp4j.ring.maxAwakeMicros}.
 *
 * @param spinNanos nanoseconds of busy spinning at the start of every wait, at least 0
 * @param yieldNanos nanoseconds of yielding after the spin in the initial window, at least 0
 * @param maxAwakeNanos the longest the awake window may grow to, at least {@code spinNanos + yieldNanos}
 */
public record SpinPolicy(long spinNanos, long yieldNanos, long maxAwakeNanos) {
    /** Default spin, in microseconds. */
    public static final long DEFAULT_SPIN_MICROS = 5;
    /** Default yield phase of the initial window, in microseconds. */
    public static final long DEFAULT_YIELD_MICROS = 25;
    /** Default longest awake window, in microseconds. */
    public static final long DEFAULT_MAX_AWAKE_MICROS = 100;

    /** Never spins: announce and park at once (what a test of the park protocol wants). */
    public static final SpinPolicy PARK_AT_ONCE = new SpinPolicy(0, 0, 0);

    /** Checks the values. */
    public SpinPolicy {
        if (spinNanos < 0 || yieldNanos < 0) {
            throw new IllegalArgumentException("spin " + spinNanos + " ns and yield " + yieldNanos
                    + " ns must not be negative");
        }
        if (maxAwakeNanos < spinNanos + yieldNanos) {
            throw new IllegalArgumentException("maxAwake " + maxAwakeNanos + " ns is less than spin " + spinNanos
                    + " ns + yield " + yieldNanos + " ns");
        }
    }

    /** A fixed window: {@code spin} then {@code yield}, never adapted. */
    public SpinPolicy(long spinNanos, long yieldNanos) {
        this(spinNanos, yieldNanos, spinNanos + yieldNanos);
    }

    /** The fixed policy of the given durations. */
    public static SpinPolicy of(Duration spin, Duration yield) {
        return new SpinPolicy(spin.toNanos(), yield.toNanos());
    }

    /** The initial awake window: {@code spin + yield}. */
    public long initialAwakeNanos() {
        return spinNanos + yieldNanos;
    }

    /**
     * The default, or the system properties {@code mp4j.ring.spinMicros} / {@code mp4j.ring.yieldMicros} /
     * {@code mp4j.ring.maxAwakeMicros} (a maximum below spin + yield is raised to it).
     */
    public static SpinPolicy defaults() {
        long spin = micros("mp4j.ring.spinMicros", DEFAULT_SPIN_MICROS) * 1000;
        long yield = micros("mp4j.ring.yieldMicros", DEFAULT_YIELD_MICROS) * 1000;
        long max = micros("mp4j.ring.maxAwakeMicros", DEFAULT_MAX_AWAKE_MICROS) * 1000;
        return new SpinPolicy(spin, yield, Math.max(max, spin + yield));
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
