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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Consumers in child JVMs count returned items and finished tasks in shared memory instead of sending a message
 * each: the owner's counts stay exact while they hold prefetched items, a {@code kill -9} re-queues exactly what
 * was not returned, and waiters in the owner (join, a put on a full queue) still wake while the consumer lives.
 */
@Timeout(120)
class SharedCountsTest extends ChildJvmTest {
    @Test
    void consumerKilledHoldingPrefetchedItemsHasExactlyTheUnreturnedOnesRequeuedInOrder() throws Exception {
        int n = 3000;
        int taken = 500;
        Queue<Integer> q = QueueFactory.defaults().queue();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        SimpleQueue<Object> reports = QueueFactory.defaults().simpleQueue();
        JvmProcess consumer = start(SharedCountsTest::getInALoopThenHang, q, taken, reports);

        assertThat(reports.get()).as("the consumer's items, in order").isEqualTo(range(0, taken));
        assertThat(reports.get()).as("qsize asked by the consumer").isEqualTo(n - taken);
        int prefetched = Attach.inFlightAtOwner(q);
        assertThat(prefetched).as("items sent to the consumer that its gets have not returned").isPositive();
        assertThat(q.qsize()).as("qsize in the owner while the consumer holds %d prefetched items", prefetched)
                .isEqualTo(n - taken);

        consumer.kill();
        assertThat(consumer.join(LONG)).isTrue();
        Await.until(() -> Attach.attachedAtOwner(q) == 0, "the owner to see the killed consumer's connection end");
        assertThat(Attach.inFlightAtOwner(q)).isZero();
        assertThat(q.qsize()).isEqualTo(n - taken);
        List<Integer> rest = new ArrayList<>();
        for (int i = taken; i < n; i++) {
            rest.add(q.getNowait());
        }
        assertThat(rest).as("the items the consumer did not return, once each, in order")
                .isEqualTo(range(taken, n));
        assertThat(q.empty()).isTrue();
    }

    @Test
    void joinInTheOwnerWakesWhenALiveRemoteWorkerFinishesTheLastTask() throws Exception {
        int tasks = 2000;
        JoinableQueue<Integer> q = QueueFactory.defaults().joinableQueue();
        for (int i = 0; i < tasks; i++) {
            q.put(i);
        }
        SimpleQueue<Object> reports = QueueFactory.defaults().simpleQueue();
        JvmProcess worker = start(SharedCountsTest::workThenHang, q, tasks, reports);

        assertThat(q.join(LONG)).as("join returned").isTrue();
        assertThat(worker.isAlive()).as("the worker still lives: join was woken by its taskDone").isTrue();
        assertThat(reports.get()).isEqualTo("finished " + tasks);
        assertThat(q.qsize()).isZero();
        assertThat(q.tasksRequeued()).isZero();
        assertThat(q.tasksCountedAsDone()).isZero();
    }

    @Test
    void putBlockedOnAFullQueueIsAdmittedWhenALiveRemoteConsumerGetsAnItem() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue(2);
        q.put("a");
        q.put("b");
        SimpleQueue<Object> go = QueueFactory.defaults().simpleQueue();
        SimpleQueue<Object> reports = QueueFactory.defaults().simpleQueue();
        JvmProcess consumer = start(SharedCountsTest::getOneOnSignalThenHang, q, go, reports);
        Future<?> put = threads.submit(() -> {
            q.put("c");
            return null;
        });
        assertThat(reports.get()).isEqualTo("ready");
        Await.until(() -> Attach.waitingPutsAtOwner(q) >= 1, "the put waiting for room at the owner");
        go.put("get one");
        assertThat(reports.get()).isEqualTo("got a");
        put.get(LONG.toSeconds(), TimeUnit.SECONDS);
        assertThat(consumer.isAlive()).as("the consumer still lives: the put was admitted on its get").isTrue();
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.get()).isEqualTo("b");
        assertThat(q.get()).isEqualTo("c");
    }

    /** Gets args[1] items from args[0] back to back, reports them and the qsize it sees on args[2], then hangs. */
    @SuppressWarnings("unchecked")
    static void getInALoopThenHang(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        int count = (Integer) args[1];
        SimpleQueue<Object> reports = (SimpleQueue<Object>) args[2];
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(q.get());
        }
        reports.put(got);
        reports.put(q.qsize());
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Gets and finishes args[1] tasks from args[0], reports on args[2], then hangs. */
    @SuppressWarnings("unchecked")
    static void workThenHang(Object... args) throws Exception {
        JoinableQueue<Integer> q = (JoinableQueue<Integer>) args[0];
        int count = (Integer) args[1];
        for (int i = 0; i < count; i++) {
            q.get();
            q.taskDone();
        }
        ((SimpleQueue<Object>) args[2]).put("finished " + count);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Attaches to args[0], reports "ready" on args[2], waits for a message on args[1], gets one item, hangs. */
    @SuppressWarnings("unchecked")
    static void getOneOnSignalThenHang(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        SimpleQueue<Object> go = (SimpleQueue<Object>) args[1];
        SimpleQueue<Object> reports = (SimpleQueue<Object>) args[2];
        q.qsize();
        reports.put("ready");
        go.get();
        reports.put("got " + q.get());
        Thread.sleep(Long.MAX_VALUE);
    }
}
