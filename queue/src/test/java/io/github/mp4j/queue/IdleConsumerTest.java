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
        int burst = 500;
        int rounds = 4;
        Queue<Integer> q = QueueFactory.defaults().queue();
        Queue<Object> reports = QueueFactory.defaults().queue();
        SimpleQueue<Object> go = QueueFactory.defaults().simpleQueue();
        JvmProcess consumer = start(IdleConsumerTest::streamWithPauses, q, burst * rounds, burst, reports, go);
        assertThat(reports.get(LONG)).isEqualTo("ready");
        putRange(q, 0, burst);
        for (int round = 1; round < rounds; round++) {
            assertThat(reports.get(LONG)).isEqualTo("paused after " + burst * round);
            // It streamed a burst back to back: its window is open and its credits wait at the owner. Items put
            // now go to those credits and sit with it while it pauses; no other getter waits.
            Await.until(() -> Attach.waitingAtOwner(q) > 0, "the paused consumer's credits at the owner");
            putRange(q, burst * round, burst * (round + 1));
            Await.until(() -> Attach.inFlightAtOwner(q) > 0, "items in flight to the paused consumer");
            // Not synchronisation: a wrong idle check (one that fences a consumer whose own credits are the only
            // getters) gets several chances to run before the assertion.
            Thread.sleep(100);
            assertThat(Attach.fencesAtOwner(q)).as("times the owner took the paused consumer's items back").isZero();
            go.put("go");
        }
        assertThat(reports.get(LONG)).as("every item in order").isEqualTo(burst * rounds);
        assertThat(consumer.join(LONG)).isTrue();
        assertThat(consumer.exitCode()).hasValue(0);
    }

    private static void putRange(Queue<Integer> q, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            q.put(i);
        }
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
     * Attaches to args[0] and reports "ready" on args[3]; gets args[1] items, and after every args[2] of them but
     * the last reports "paused after n" and waits for a message on args[4] (holding what it prefetched); finally
     * reports the count if the items came in order 0, 1, 2, ..., else the first out-of-order item.
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
            if (i % burst == burst - 1 && i < count - 1) {
                reports.put("paused after " + (i + 1));
                ((SimpleQueue<Object>) args[4]).get();
            }
        }
        reports.put(count);
    }
}
