package io.github.mp4j.pipe.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a ring waiter's awake window adapts to when its waits are answered ({@link AwakeWindow}). */
class AwakeWindowTest {
    private static final long US = 1000;
    private final SpinPolicy policy = new SpinPolicy(5 * US, 25 * US, 100 * US);
    private final AwakeWindow window = new AwakeWindow(policy);

    @Test
    void startsAtSpinPlusYield() {
        assertThat(window.nanos()).isEqualTo(30 * US);
    }

    @Test
    void anEarlyAnswerLeavesTheWindowAlone() {
        window.answeredAwake(2 * US);
        window.answeredAwake(15 * US);
        assertThat(window.nanos()).isEqualTo(30 * US);
    }

    @Test
    void anAnswerJustAfterParkingGrowsTheWindowUpToTheMaximum() {
        window.answeredParked(40 * US);
        assertThat(window.nanos()).as("doubled").isEqualTo(60 * US);
        window.answeredAwake(45 * US);
        assertThat(window.nanos()).as("answered in the second half: doubled again, capped").isEqualTo(100 * US);
        window.answeredParked(95 * US);
        assertThat(window.nanos()).isEqualTo(100 * US);
    }

    @Test
    void answersLongAfterAnyWindowShrinkItDownToTheSpinAfterThreeInARow() {
        window.answeredParked(40 * US);
        assertThat(window.nanos()).isEqualTo(60 * US);
        window.answeredParked(1_000 * US);
        window.answeredParked(1_000 * US);
        assertThat(window.nanos()).as("two misses: unchanged").isEqualTo(60 * US);
        window.answeredParked(1_000 * US);
        assertThat(window.nanos()).as("third miss: halved").isEqualTo(30 * US);
        window.answeredAwake(1 * US);
        window.answeredParked(1_000 * US);
        window.answeredParked(1_000 * US);
        assertThat(window.nanos()).as("an answer in between restarts the count").isEqualTo(30 * US);
        for (int i = 0; i < 30; i++) {
            window.answeredParked(1_000 * US);
        }
        assertThat(window.nanos()).as("never below the spin").isEqualTo(5 * US);
    }

    @Test
    void aFixedPolicyNeverGrows() {
        AwakeWindow fixed = new AwakeWindow(new SpinPolicy(10 * US, 20 * US));
        fixed.answeredParked(31 * US);
        fixed.answeredAwake(29 * US);
        assertThat(fixed.nanos()).isEqualTo(30 * US);
        AwakeWindow never = new AwakeWindow(SpinPolicy.PARK_AT_ONCE);
        never.answeredParked(1 * US);
        assertThat(never.nanos()).isZero();
    }

    @Test
    void aMaximumBelowTheInitialWindowIsRefused() {
        assertThatThrownBy(() -> new SpinPolicy(10 * US, 20 * US, 29 * US))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAwake 29000 ns is less than spin 10000 ns + yield 20000 ns");
    }
}
