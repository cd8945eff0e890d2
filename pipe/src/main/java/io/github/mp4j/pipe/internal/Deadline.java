package io.github.mp4j.pipe.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Deadlines as {@link System#nanoTime()} values, saturating instead of overflowing: the one timeout type of the
 * pipe, process and queue internals. A {@link Duration} becomes a deadline once, at the start of a blocking call;
 * every wait inside that call asks {@link #remaining(long)} or {@link #await(Condition, long)}, so retries and
 * spurious wake-ups never stretch the caller's timeout.
 */
public final class Deadline {
    /** A deadline that never passes. */
    public static final long NONE = Long.MAX_VALUE;

    private Deadline() {
    }

    /**
     * {@code timeout} in nanoseconds, for internal calls that take a timeout rather than a deadline: negative
     * timeouts count as zero, ones too long for a {@code long} of nanoseconds (~292 years) as {@link #NONE}, which
     * {@link #afterNanos} turns into the deadline that never passes.
     */
    public static long nanos(Duration timeout) {
        return timeout.isNegative() ? 0 : saturatedNanos(timeout);
    }

    /** The deadline {@code timeout} from now; negative timeouts count as zero, huge ones as {@link #NONE}. */
    public static long after(Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        long now = System.nanoTime();
        return nanos >= NONE - now ? NONE : now + nanos;
    }

    /** The deadline {@code nanos} from now; negative counts as zero, huge values as {@link #NONE}. */
    public static long afterNanos(long nanos) {
        long now = System.nanoTime();
        long n = Math.max(0, nanos);
        return n >= NONE - now ? NONE : now + n;
    }

    /** Whether {@code deadline} has passed ({@link #NONE} never does). */
    public static boolean passed(long deadline) {
        return deadline != NONE && deadline - System.nanoTime() <= 0;
    }

    /**
     * Waits on {@code condition} (whose lock the caller holds) until signalled or until {@code deadline}.
     * Returns {@code false} when the deadline had passed before or during the wait, {@code true} when woken
     * (possibly spuriously: callers re-check their state in a loop, as with any {@link Condition}).
     *
     * @throws InterruptedException when the thread is interrupted, as {@link Condition#await()} does
     */
    public static boolean await(Condition condition, long deadline) throws InterruptedException {
        if (deadline == NONE) {
            condition.await();
            return true;
        }
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            return false;
        }
        condition.awaitNanos(nanos);
        return true;
    }

    /** Like {@link #await(Condition, long)} with the wait capped at {@code sliceNanos} (for periodic checks). */
    public static boolean awaitSlice(Condition condition, long deadline, long sliceNanos) throws InterruptedException {
        long nanos = Math.min(remaining(deadline), sliceNanos);
        if (nanos <= 0) {
            return false;
        }
        condition.await(nanos, TimeUnit.NANOSECONDS);
        return true;
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
