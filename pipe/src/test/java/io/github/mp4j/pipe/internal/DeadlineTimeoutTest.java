package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link Deadline#nanos(Duration)}, the timeout convention of the queue internals (it replaced the queue's own
 * {@code Timeouts}): zero means do not wait, {@link Deadline#NONE} means for ever, and {@link Deadline#afterNanos}
 * turns either into the matching deadline.
 */
class DeadlineTimeoutTest {

    @Test
    void negativeTimeoutsAreZeroAndGiveADeadlineAlreadyPassed() {
        assertThat(Deadline.nanos(Duration.ofMillis(-5))).isZero();
        assertThat(Deadline.nanos(Duration.ZERO)).isZero();
        assertThat(Deadline.passed(Deadline.afterNanos(Deadline.nanos(Duration.ofMillis(-5))))).isTrue();
    }

    @Test
    void ordinaryTimeoutsAreTheirNanoseconds() {
        assertThat(Deadline.nanos(Duration.ofMillis(5))).isEqualTo(5_000_000L);
        assertThat(Deadline.nanos(Duration.ofSeconds(3, 7))).isEqualTo(3_000_000_007L);
    }

    @Test
    void timeoutsBeyondALongOfNanosecondsAreForEver() {
        long nanos = Deadline.nanos(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(nanos).isEqualTo(Deadline.NONE);
        assertThat(Deadline.afterNanos(nanos)).isEqualTo(Deadline.NONE);
        assertThat(Deadline.remaining(Deadline.afterNanos(nanos))).isEqualTo(Deadline.NONE);
        assertThat(Deadline.nanos(Duration.ofDays(365L * 300))).isEqualTo(Deadline.NONE);
    }
}
