package io.github.mp4j.pipe.internal.ring;

/**
 * The adaptive part of a {@link SpinPolicy} for one waiting role of one ring end: how long the next wait stays awake
 * before parking, learned from when the previous waits were answered.
 *
 * <ul>
 *   <li>Answered awake in the second half of the window, or after parking but within {@code maxAwake}: the window
 *       doubles (at least to 1.5x that wait), up to {@code maxAwake}, so a peer that answers in a steady time just
 *       beyond the window is caught awake from then on instead of paying the doorbell on every message.</li>
 *   <li>Answered after parking and later than {@code maxAwake}, {@value #MISSES_BEFORE_SHRINKING} times in a row: the
 *       window halves, down to the spin time; staying awake only burns a core when the peer is slow or idle.</li>
 *   <li>Answered awake early: no change.</li>
 * </ul>
 *
 * <p>Thread contract: one waiting thread at a time (the ring end's read or write lock); not thread-safe.
 */
final class AwakeWindow {
    /** Consecutive long parks before the window shrinks. */
    static final int MISSES_BEFORE_SHRINKING = 3;

    private final SpinPolicy policy;
    private long window;
    private int misses;

    AwakeWindow(SpinPolicy policy) {
        this.policy = policy;
        this.window = policy.initialAwakeNanos();
    }

    /** How long the next wait stays awake, in nanoseconds. */
    long nanos() {
        return window;
    }

    /** The wait was answered while awake, {@code waited} nanoseconds after it began. */
    void answeredAwake(long waited) {
        misses = 0;
        if (waited > window / 2) {
            grow(waited);
        }
    }

    /** The wait parked and was answered {@code waited} nanoseconds after it began. */
    void answeredParked(long waited) {
        if (waited <= policy.maxAwakeNanos()) {
            misses = 0;
            grow(waited);
        } else if (++misses >= MISSES_BEFORE_SHRINKING) {
            misses = 0;
            window = Math.max(policy.spinNanos(), window / 2);
        }
    }

    private void grow(long waited) {
        window = Math.min(policy.maxAwakeNanos(), Math.max(window * 2, waited + waited / 2));
    }
}
