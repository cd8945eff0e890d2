package io.github.mp4j.queue;

import static io.github.mp4j.queue.ChildJvms.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.internal.Attach;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §3: each consumer receives one producer's items in the order they were put, also when a consumer that
 * prefetched items goes idle and the owner takes them back for other getters.
 */
@Timeout(180)
class ConsumerOrderTest extends ChildJvmTest {

    /** The reported case: a child took 0..10 (prefetching more) and went idle; the owner then got 40 first. */
    @Test
    void theOwnersGetsAfterAnIdleConsumerNeverOvertakeTheItemsItHolds() throws Exception {
        Queue<Integer> q = QueueFactory.defaults().queue("order");
        for (int i = 0; i < 40; i++) {
            q.put(i);
        }
        SimpleQueue<Object> go = QueueFactory.defaults().simpleQueue();
        Queue<Object> reports = QueueFactory.defaults().queue();
        JvmProcess child = start(IdleConsumerTest::takeThenWait, q, 11, go, reports, false);
        assertThat(reports.get(LONG)).isEqualTo(range(0, 11));
        for (int i = 40; i < 60; i++) {
            q.put(i);
        }
        assertThat(q.qsize()).isEqualTo(49);
        List<Integer> rest = new ArrayList<>();
        for (int i = 11; i < 60; i++) {
            rest.add(q.get(LONG));
        }
        assertThat(rest).isEqualTo(range(11, 60));
        assertThat(q.qsize()).isZero();
        go.put("go");
        assertThat(child.join(LONG)).isTrue();
        assertThat(child.exitCode()).hasValue(0);
    }

    /**
     * Many interleavings: two child consumers and the owner take items in random bursts with random pauses (long
     * enough, at times, for the owner to take a consumer's prefetched items back) while the owner puts in random
     * bursts. Whatever the timing, every consumer's items rise, and every item is delivered exactly once.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyConsumersItemsComeInPutOrderWhateverTheInterleaving(long seed) throws Exception {
        int n = 3000;
        Queue<Integer> q = QueueFactory.defaults().queue("interleaved");
        Queue<Object> reports = QueueFactory.defaults().queue();
        start(ConsumerOrderTest::burstyConsumer, q, reports, seed * 31 + 1);
        start(ConsumerOrderTest::burstyConsumer, q, reports, seed * 31 + 2);
        Random random = new Random(seed);
        List<Integer> ownerGot = new ArrayList<>();
        int put = 0;
        while (put < n) {
            for (int b = 1 + random.nextInt(200); b > 0 && put < n; b--) {
                q.put(put++);
            }
            for (int g = random.nextInt(60); g > 0; g--) {
                try {
                    ownerGot.add(q.get(Duration.ofMillis(random.nextInt(100))));
                } catch (QueueEmptyException e) {
                    break;
                }
            }
        }
        q.put(-1);
        q.put(-1);

        TreeMap<Integer, Integer> seen = new TreeMap<>();
        assertRising(ownerGot, "the owner's items");
        ownerGot.forEach(i -> seen.merge(i, 1, Integer::sum));
        for (int child = 0; child < 2; child++) {
            @SuppressWarnings("unchecked")
            List<Integer> got = (List<Integer>) reports.get(LONG);
            assertRising(got, "a child's items");
            got.forEach(i -> seen.merge(i, 1, Integer::sum));
        }
        assertThat(seen.keySet()).as("items delivered").containsExactlyElementsOf(range(0, n));
        assertThat(seen.values()).as("deliveries per item").containsOnly(1);
        assertThat(q.qsize()).isZero();
    }

    private static void assertRising(List<Integer> items, String what) {
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i)).as("%s: item %d after %s", what, i, items.subList(Math.max(0, i - 5), i))
                    .isGreaterThan(items.get(i - 1));
        }
    }

    /**
     * Gets from args[0] in bursts of 1..40 items, sleeping 20..80 ms after half of them (a consumer busy elsewhere,
     * holding what it prefetched), by a {@link Random} seeded with args[2]; at the first negative item reports the
     * items it got on args[1] and exits.
     */
    @SuppressWarnings("unchecked")
    static void burstyConsumer(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        Random random = new Random((Long) args[2]);
        List<Integer> got = new ArrayList<>();
        for (;;) {
            for (int b = 1 + random.nextInt(40); b > 0; b--) {
                int item = q.get();
                if (item < 0) {
                    ((SimpleQueue<Object>) args[1]).put(got);
                    return;
                }
                got.add(item);
            }
            if (random.nextBoolean()) {
                Thread.sleep(20 + random.nextInt(60));
            }
        }
    }
}
