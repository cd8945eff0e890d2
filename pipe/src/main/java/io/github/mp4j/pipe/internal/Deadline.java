package io.github.mp4j.pipe.internal;

import java.time.Duration;

/** Deadlines as {@link System#nanoTime()} values, saturating instead of overflowing. */
public final class Deadline {
    /** A deadline that never passes. */
    public static final long NONE = Long.MAX_VALUE;

    private Deadline() {
    }

    /** The deadline {@code timeout} from now; negative timeouts count as zero, huge ones as {@link #NONE}. */
    public static long after(Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        long now = System.nanoTime();
        return nanos >= NONE - now ? NONE : now + nanos;
    }

    /** Nanoseconds left until {@code deadline} (zero or negative when passed; {@link #NONE} stays NONE). */
    public static long remaining(long deadline) {
        return deadline == NONE ? NONE : deadline - System.nanoTime();
    }

    /** Milliseconds to pass to {@link java.nio.channels.Selector#select(long)}: at least 1, 0 meaning forever. */
    public static long selectMillis(long deadline) {
        if (deadline == NONE) {
            return 0;
        }
        long nanos = remaining(deadline);
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return NONE;
        }
    }
}
