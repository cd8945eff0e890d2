package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The payload array's sizes: at most 256 KiB before bytes arrive, then growing four times, never past the declared length. */
class PayloadGrowthTest {
    private static final int DECLARED = 60 << 20;

    @Test
    void payloadArrayStartsSmallAndGrowsFourTimesUpToTheDeclaredLength() {
        assertThat(PayloadGrowth.initial(DECLARED, 0)).isEqualTo(PayloadGrowth.FIRST);
        assertThat(PayloadGrowth.initial(DECLARED, 300_000)).isEqualTo(300_000);
        assertThat(PayloadGrowth.initial(100, 4)).isEqualTo(100);
        assertThat(PayloadGrowth.next(PayloadGrowth.FIRST, DECLARED)).isEqualTo(4 * PayloadGrowth.FIRST);
        assertThat(PayloadGrowth.next(DECLARED - 5, DECLARED)).isEqualTo(DECLARED);
    }
}
