package io.github.mp4j.queue.internal;

import io.github.mp4j.pipe.internal.Deadline;
import java.time.Duration;
import java.util.Objects;

/** Converts {@link Duration} timeouts to the nanosecond counts the queue internals use. */
public final class Timeouts {
    /** Wait for ever. */
    public static final long FOREVER = -1;
    /** Do not wait at all. */
    public static final long NOW = 0;

    /** Waits this long or longer count as waiting for ever (avoids overflow in deadlines). */
    private static final long HUGE = Long.MAX_VALUE / 4;

    private Timeouts() {
    }

    /** A timeout in nanoseconds: negative durations are zero; durations beyond ~73 years mean for ever. */
    public static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return NOW;
        }
        if (timeout.compareTo(Duration.ofNanos(HUGE)) >= 0) {
            return FOREVER;
        }
        return timeout.toNanos();
    }

    /** The {@link Deadline} for a timeout from {@link #nanos}: {@link Deadline#NONE} for {@link #FOREVER}. */
    public static long deadline(long nanos) {
        return nanos < 0 ? Deadline.NONE : Deadline.afterNanos(nanos);
    }

    /** Nanoseconds left until {@code deadline}, or {@link #FOREVER}. */
    public static long remaining(long nanos, long deadline) {
        return nanos < 0 ? FOREVER : deadline - System.nanoTime();
    }
}
