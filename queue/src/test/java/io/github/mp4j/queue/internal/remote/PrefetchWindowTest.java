package io.github.mp4j.queue.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The attached consumer's prefetch window, with a fake clock (moved from WireTest with the remote package). */
class PrefetchWindowTest {

    @Test
    void prefetchWindowGrowsForBackToBackGetsThatRunDryAndShrinksWhenGetsAreSpacedOut() {
        long[] now = {1_000_000_000L};
        PrefetchWindow w = new PrefetchWindow(() -> now[0]);
        w.onItem(50);
        w.onGetStart(true);
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.topUp(0, 0)).isZero();
        for (int i = 0; i < 40; i++) {
            w.onReturn();
            now[0] += PrefetchWindow.HOT_GAP_NANOS - 1; // back to back: just inside the gap
            w.onGetStart(true);
        }
        assertThat(w.size()).isEqualTo(PrefetchWindow.MAX_WINDOW);
        assertThat(w.topUp(10, 20)).isEqualTo(34);
        assertThat(w.topUp(10, 23)).isZero();
        w.onReturn();
        now[0] += PrefetchWindow.HOT_GAP_NANOS; // spaced out: the gap reached
        w.onGetStart(false);
        assertThat(w.size()).isEqualTo(PrefetchWindow.MAX_WINDOW / 2);
        w.onReturn();
        now[0] += PrefetchWindow.HOT_GAP_NANOS - 1;
        w.onGetStart(false);
        assertThat(w.size()).as("a hot get with items still buffered keeps the window").isEqualTo(32);
    }

    @Test
    void prefetchWindowStaysWithinTheByteBudget() {
        PrefetchWindow w = new PrefetchWindow(() -> 0L); // every get back to back
        w.onItem((int) PrefetchWindow.BYTE_BUDGET / 4);
        for (int i = 0; i < 40; i++) {
            w.onReturn();
            w.onGetStart(true);
        }
        assertThat(w.size()).isEqualTo(4);
    }

    @Test
    void aHotConsumerOfHugeItemsStillHoldsTwo() {
        PrefetchWindow w = new PrefetchWindow(() -> 0L); // every get back to back
        w.onItem((int) PrefetchWindow.BYTE_BUDGET * 8);
        for (int i = 0; i < 40; i++) {
            w.onReturn();
            w.onGetStart(true);
        }
        assertThat(w.size()).as("the next item travels while this one is used").isEqualTo(PrefetchWindow.MIN_HOT_WINDOW);
    }

    @Test
    void whileAnotherProcessWaitsBehindItsItemsTheWindowStaysAtOneThenGrowsAgain() {
        long[] now = {1_000_000_000L};
        PrefetchWindow w = new PrefetchWindow(() -> now[0]);
        w.onItem(50);
        for (int i = 0; i < 10; i++) { // a hot consumer working 1 ms per item: the window opens
            w.onGetStart(true);
            w.onReturn();
            now[0] += 1_000_000;
        }
        assertThat(w.size()).isEqualTo(PrefetchWindow.MAX_WINDOW);
        w.othersWaiting();
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.topUp(0, 0)).as("no credits ahead while another consumer waits").isZero();
        for (int i = 0; i < 10; i++) { // hot gets that run dry inside the shared period: still 1
            now[0] += PrefetchWindow.HOT_GAP_NANOS / 20;
            w.onGetStart(true);
            w.onReturn();
        }
        assertThat(w.size()).isEqualTo(1);
        now[0] += PrefetchWindow.HOT_GAP_NANOS / 2; // the period has passed with nobody waiting since
        w.onGetStart(true);
        w.onReturn();
        now[0] += 1_000;
        w.onGetStart(true);
        assertThat(w.size()).as("grows again once no one waits").isEqualTo(4);
    }

    @Test
    void aConsumerInATightLoopKeepsItsWindowWhenAnotherWaits() {
        long[] now = {1_000_000_000L};
        PrefetchWindow w = new PrefetchWindow(() -> now[0]);
        w.onItem(50);
        for (int i = 0; i < 10; i++) { // 2 us per item: runs of a window beat taking turns item by item
            w.onGetStart(true);
            w.onReturn();
            now[0] += 2_000;
        }
        w.othersWaiting();
        assertThat(w.size()).isEqualTo(PrefetchWindow.MAX_WINDOW);
    }
}
