package io.github.mp4j.queue.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.Attach;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two attached consumers that work on each item (here 2 ms) take the items of one queue in turn. Neither may overtake
 * items in flight to the other (each consumer receives the items in put order), so a consumer that prefetched a run
 * of items would keep the other idle until it had worked through the run; instead the owner marks its page while
 * the other waits, and it prefetches one item at a time ({@link PrefetchWindow#othersWaiting()}).
 */
@Timeout(60)
class CompetingConsumersTest {
    private static final int ITEMS = 120;
    private static final long WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    @Test
    void twoConsumersThatWorkOnEachItemTakeTheItemsInTurnNotInRuns() throws Exception {
        QueueFactory f = QueueFactory.builder().serializer("kryo").build();
        Queue<Integer> owned = f.queue(8);
        Queue<Integer> a = Attach.remote(owned);
        Queue<Integer> b = Attach.remote(owned);
        Integer[] takenBy = new Integer[ITEMS];
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Queue<Integer> q = c == 0 ? a : b;
            int who = c;
            Thread t = new Thread(() -> {
                try {
                    for (int x = q.get(); x >= 0; x = q.get()) {
                        takenBy[x] = who;
                        long end = System.nanoTime() + WORK_NANOS;
                        while (System.nanoTime() < end) {
                            LockSupport.parkNanos(end - System.nanoTime()); // the work on the item
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "consumer-" + c);
            t.start();
            consumers.add(t);
        }
        try {
            for (int i = 0; i < ITEMS; i++) {
                owned.put(i);
            }
            owned.put(-1);
            owned.put(-1);
            for (Thread t : consumers) {
                t.join();
            }
        } finally {
            a.close();
            b.close();
            owned.close();
        }
        List<Integer> order = List.of(takenBy);
        assertThat(order).doesNotContainNull();
        // after the first items (the consumers' windows were open before the other one waited), the consumer changes
        // from one item to the next most of the time; in runs of a whole window (up to 8 here, the queue's maxsize)
        // it would change once a run while the other one sat idle
        int changes = 0;
        for (int i = 21; i < ITEMS; i++) {
            changes += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
        }
        assertThat(changes).as("consumer changes between items 20 and %d in %s", ITEMS - 1, order)
                .isGreaterThanOrEqualTo(50);
        assertThat(Collections.frequency(order, 0)).isBetween(ITEMS / 4, 3 * ITEMS / 4);
    }
}
