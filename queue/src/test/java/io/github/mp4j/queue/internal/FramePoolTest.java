package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bounds and the fit rule of the arrays kept for large queue messages. */
class FramePoolTest {
    private static final int MIN = FramePool.MIN_POOLED;

    @Test
    void smallLengthsAndSmallArraysNeverTouchThePool() {
        FramePool pool = new FramePool();
        pool.giveBack(new byte[MIN - 1]);
        assertThat(pool.size()).isZero();
        pool.giveBack(new byte[MIN]);
        assertThat(pool.lend(MIN - 1)).isNull();
        assertThat(pool.size()).isEqualTo(1);
        assertThat(pool.reuses()).isZero();
    }

    @Test
    void lendsTheSmallestArrayThatFitsAndAtMostTwiceTheLength() {
        FramePool pool = new FramePool();
        byte[] big = new byte[4 * MIN];
        byte[] mid = new byte[2 * MIN];
        pool.giveBack(big);
        pool.giveBack(mid);
        assertThat(pool.lend(MIN + 1)).isSameAs(mid);
        assertThat(pool.lend(MIN + 1)).as("4x the length is too wasteful").isNull();
        assertThat(pool.lend(4 * MIN + 1)).as("too short").isNull();
        assertThat(pool.lend(2 * MIN)).isSameAs(big);
        assertThat(pool.size()).isZero();
        assertThat(pool.reuses()).isEqualTo(2);
    }

    @Test
    void keepsAtMostMaxArraysPreferringLargerOnes() {
        FramePool pool = new FramePool();
        for (int i = 0; i < FramePool.MAX_ARRAYS; i++) {
            pool.giveBack(new byte[MIN + i]);
        }
        pool.giveBack(new byte[MIN - 1]); // too small to pool at all
        pool.giveBack(new byte[MIN]); // not larger than the smallest kept: dropped
        assertThat(pool.size()).isEqualTo(FramePool.MAX_ARRAYS);
        byte[] larger = new byte[MIN + 100];
        pool.giveBack(larger); // replaces the smallest
        assertThat(pool.size()).isEqualTo(FramePool.MAX_ARRAYS);
        assertThat(pool.lend(MIN + 100)).isSameAs(larger);
        assertThat(pool.lend(MIN)).as("the array of MIN bytes was replaced").hasSize(MIN + 1);
    }

    @Test
    void keepsAtMostMaxBytesInAll() {
        FramePool pool = new FramePool();
        int third = (int) (FramePool.MAX_BYTES / 3) + 1;
        pool.giveBack(new byte[third]);
        pool.giveBack(new byte[third]);
        pool.giveBack(new byte[third]); // three would exceed MAX_BYTES: an older one leaves
        assertThat(pool.size()).isEqualTo(2);
        pool.giveBack(new byte[(int) FramePool.MAX_BYTES + 1]); // larger than the whole budget: never kept
        assertThat(pool.size()).isEqualTo(2);
    }
}
