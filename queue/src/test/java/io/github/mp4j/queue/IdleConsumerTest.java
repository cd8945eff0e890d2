package io.github.mp4j.queue;

import static io.github.mp4j.queue.ChildJvms.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.internal.Attach;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer process that stops calling {@code get} while it holds prefetched items does not keep them from other
 * getters: the owner takes them back (in order, exactly once, not as that process's tasks), while a consumer that
 * keeps getting is never robbed.
 */
@Timeout(120)
class IdleConsumerTest extends ChildJvmTest {
    @Test
    void twoConsumersThatEachTakeHalfThenWaitElsewhereBothFinishWithEveryItemOnce() throws Exception {
        int n = 1000;
        Queue<Integer> q = QueueFactory.defaults().queue();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        SimpleQueue<Object> go = QueueFactory.defaults().simpleQueue();
        Queue<Object> reports = QueueFactory.defaults().queue();
        JvmProcess a = start(IdleConsumerTest::takeThenWait, q, n / 2, go, reports, false);
        JvmProcess b = start(IdleConsumerTest::takeThenWait, q, n / 2, go, reports, false);

        TreeMap<Integer, Integer> seen = new TreeMap<>();
        for (int child = 0; child < 2; child++) {
            @SuppressWarnings("unchecked")
            List<Integer> got = (List<Integer>) reports.get(LONG);
            assertThat(got).as("one child's share").hasSize(n / 2);
            got.forEach(i -> seen.merge(i, 1, Integer::sum));
        }
        assertThat(seen.keySet()).as("items delivered").containsExactlyElementsOf(range(0, n));
        assertThat(seen.values()).as("deliveries per item").containsOnly(1);
        assertThat(q.qsize()).isZero();
        assertThat(Attach.inFlightAtOwner(q)).as("items still held by the idle children").isZero();
        go.put("go");
        go.put("go");
        assertThat(a.join(LONG)).isTrue();
        assertThat(b.join(LONG)).isTrue();
        assertThat(a.exitCode()).hasValue(0);
        assertThat(b.exitCode()).hasValue(0);
    }

    @Test
    void joinReturnsWhileWorkersThatEachFinishedHalfWaitElsewhere() throws Exception {
        int n = 1000;
        JoinableQueue<Integer> q = QueueFactory.defaults().joinableQueue();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        SimpleQueue<Object> go = QueueFactory.defaults().simpleQueue();
        Queue<Object> reports = QueueFactory.defaults().queue();
        JvmProcess a = start(IdleConsumerTest::takeThenWait, q, n / 2, go, reports, true);
        JvmProcess b = start(IdleConsumerTest::takeThenWait, q, n / 2, go, reports, true);

        assertThat(q.join(LONG)).as("join returned").isTrue();
        assertThat(a.isAlive() && b.isAlive()).as("both workers still wait on the other queue").isTrue();
        TreeMap<Integer, Integer> seen = new TreeMap<>();
        for (int child = 0; child < 2; child++) {
            @SuppressWarnings("unchecked")
            List<Integer> got = (List<Integer>) reports.get(LONG);
            got.forEach(i -> seen.merge(i, 1, Integer::sum));
        }
        assertThat(seen.keySet()).containsExactlyElementsOf(range(0, n));
        assertThat(seen.values()).containsOnly(1);
        go.put("go");
        go.put("go");
        assertThat(a.join(LONG)).isTrue();
        assertThat(b.join(LONG)).isTrue();
        assertThat(q.tasksRequeued()).as("tasks of the workers requeued at their exit").isZero();
        assertThat(q.tasksCountedAsDone()).isZero();
        assertThat(q.qsize()).isZero();
    }

    @Test
    void itemsAnIdleConsumerPrefetchedGoToAWaitingGetBeforeLaterItemsAndItsNextGetSeesOnlyNewItems() throws Exception {
        int n = 2000;
        int taken = 500;
        Queue<Integer> q = QueueFactory.defaults().queue();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        SimpleQueue<Object> go = QueueFactory.defaults().simpleQueue();
        Queue<Object> reports = QueueFactory.defaults().queue();
        JvmProcess consumer = start(IdleConsumerTest::takeThenWaitThenTakeOne, q, taken, go, reports);
        assertThat(reports.get(LONG)).isEqualTo(range(0, taken));
        assertThat(Attach.inFlightAtOwner(q)).as("items the idle consumer prefetched").isPositive();

        List<Integer> rest = new ArrayList<>();
        for (int i = taken; i < n; i++) {
            rest.add(q.get(LONG));
        }
        // The owner's get waits behind the items the consumer sat on (it must not overtake them) until they are
        // taken back; then it gets them, then the rest of the queue: one order, put order.
        assertThat(rest).as("the owner's gets after the consumer went idle").isEqualTo(range(taken, n));
        assertThat(Attach.fencesAtOwner(q)).isEqualTo(1);
        assertThat(q.qsize()).isZero();

        q.put(n);
        go.put("go");
        assertThat(reports.get(LONG)).as("the consumer's next get: the new item, not one taken back").isEqualTo(n);
        assertThat(consumer.join(LONG)).isTrue();
        assertThat(consumer.exitCode()).hasValue(0);
        assertThat(q.qsize()).isZero();
    }

    @Test
    void aConsumerThatPausesWithPrefetchedItemsWhileOnlyItsOwnCreditsWaitKeepsThemAndItsOrder() throws Exception {
        int n = 3000;
        Queue<Integer> q = QueueFactory.defaults().queue();
        Queue<Object> reports = QueueFactory.defaults().queue();
        JvmProcess consumer = start(IdleConsumerTest::streamWithPauses, q, n, 500, reports);
        assertThat(reports.get(LONG)).isEqualTo("ready");
        // Slower than the consumer: its credits wait at the owner, and items reach it while it pauses.
        Future<?> producer = threads.submit(() -> {
            for (int i = 0; i < n; i++) {
                q.put(i);
                Thread.sleep(1);
            }
            return null;
        });
        assertThat(reports.get(LONG)).as("every item in order").isEqualTo(n);
        producer.get(LONG.toSeconds(), TimeUnit.SECONDS);
        assertThat(Attach.fencesAtOwner(q)).as("times the owner took the streaming consumer's items back").isZero();
        assertThat(consumer.join(LONG)).isTrue();
        assertThat(consumer.exitCode()).hasValue(0);
    }

    /**
     * Gets args[1] items from args[0] (a joinable queue's as tasks, marked done, if args[4]), reports them on
     * args[3], then waits for a message on args[2] and exits.
     */
    @SuppressWarnings("unchecked")
    static void takeThenWait(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        int count = (Integer) args[1];
        boolean tasks = (Boolean) args[4];
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(q.get());
            if (tasks) {
                ((JoinableQueue<Integer>) q).taskDone();
            }
        }
        ((SimpleQueue<Object>) args[3]).put(got);
        ((SimpleQueue<Object>) args[2]).get();
    }

    /** Gets args[1] items from args[0], reports them on args[3], waits for a message on args[2], reports one get. */
    @SuppressWarnings("unchecked")
    static void takeThenWaitThenTakeOne(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        int count = (Integer) args[1];
        SimpleQueue<Object> reports = (SimpleQueue<Object>) args[3];
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(q.get());
        }
        reports.put(got);
        ((SimpleQueue<Object>) args[2]).get();
        reports.put(q.get());
    }

    /**
     * Attaches to args[0] and reports "ready" on args[3]; gets args[1] items, pausing 100 ms after every args[2] of
     * them (holding what it prefetched), and reports the count if they came in order 0, 1, 2, ..., else the first
     * out-of-order item.
     */
    @SuppressWarnings("unchecked")
    static void streamWithPauses(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        int count = (Integer) args[1];
        int burst = (Integer) args[2];
        SimpleQueue<Object> reports = (SimpleQueue<Object>) args[3];
        q.qsize();
        reports.put("ready");
        for (int i = 0; i < count; i++) {
            int item = q.get();
            if (item != i) {
                reports.put("item " + i + " was " + item);
                return;
            }
            if (i % burst == burst - 1) {
                Thread.sleep(100);
            }
        }
        reports.put(count);
    }
}
