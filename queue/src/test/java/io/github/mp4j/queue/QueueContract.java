package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.outside.Outsider;
import io.github.mp4j.DecodeException;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueClosedException;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.QueueFullException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.internal.LocalProcess;
import io.github.mp4j.queue.internal.Attach;
import io.github.mp4j.testkit.DecodeBombs;
import io.github.mp4j.pipe.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The queue contract (ports of CPython's {@code _TestQueue} and {@code TestSimpleQueue}), run against the owner's
 * own queue and against a remote proxy attached over a real socket, for each serializer.
 */
@Timeout(60)
abstract class QueueContract {
    private final List<SimpleQueue<?>> made = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final QueueFactory factory;
    private final boolean remote;

    /**
     * @param serializer the serializer under test
     * @param remote whether operations go through a remote proxy rather than the owner's queue
     */
    QueueContract(String serializer, boolean remote) {
        this(serializer, remote, Transport.AUTO);
    }

    /** As above, with remote sessions carried by {@code transport}. */
    QueueContract(String serializer, boolean remote, Transport transport) {
        this.factory = QueueFactory.builder().serializer(serializer).transport(transport).build();
        this.remote = remote;
    }

    QueueFactory factory() {
        return factory;
    }

    boolean remote() {
        return remote;
    }

    @AfterEach
    void closeAll() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        made.forEach(SimpleQueue::close);
    }

    private <Q extends SimpleQueue<?>> Q use(Q owned) {
        Q q = remote() ? Attach.remote(owned) : owned;
        made.add(q);
        return q;
    }

    <T> Queue<T> queue(int maxsize) {
        return use(factory().<T>queue(maxsize));
    }

    <T> JoinableQueue<T> joinable() {
        return use(factory().<T>joinableQueue());
    }

    <T> SimpleQueue<T> simple() {
        return use(factory().<T>simpleQueue());
    }

    private static String closedMessage(SimpleQueue<?> q) {
        return "Queue is closed: " + Attach.describe(q) + " was closed in process " + LocalProcess.id()
                + "; put/get are no longer allowed there";
    }

    // ------------------------------------------------------------------ test_put / test_get / test_qsize

    @Test
    void putFillsBoundedQueueThenRaisesFull() throws Exception {
        Queue<Integer> q = queue(6);
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
        q.put(1);
        q.put(2, Duration.ofSeconds(30));
        q.put(3, Duration.ZERO);
        q.putNowait(4);
        q.put(5, Duration.ofSeconds(-1));
        q.put(6);
        assertThat(q.qsize()).isEqualTo(6);
        assertThat(q.empty()).isFalse();
        assertThat(q.full()).isTrue();
        String name = Attach.describe(q);
        assertThatThrownBy(() -> q.putNowait(7)).isExactlyInstanceOf(QueueFullException.class)
                .hasMessage(name + " is full (maxsize 6)");
        assertThatThrownBy(() -> q.put(7, Duration.ZERO)).isExactlyInstanceOf(QueueFullException.class)
                .hasMessage(name + " is full (maxsize 6)");
        assertThatThrownBy(() -> q.put(7, Duration.ofMillis(100))).isExactlyInstanceOf(QueueFullException.class)
                .hasMessage(name + " is full (maxsize 6) after waiting PT0.1S");
        assertThat(q.qsize()).isEqualTo(6);
        for (int i = 1; i <= 6; i++) {
            assertThat(q.get()).isEqualTo(i);
        }
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
        assertThat(q.maxsize()).isEqualTo(6);
    }

    @Test
    void getReturnsItemsInOrderThenRaisesEmpty() throws Exception {
        Queue<String> q = queue(0);
        for (String s : List.of("a", "b", "c", "d", "e")) {
            q.put(s);
        }
        assertThat(q.qsize()).isEqualTo(5);
        assertThat(q.get()).isEqualTo("a");
        assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("b");
        assertThat(q.get(Duration.ZERO)).isEqualTo("c");
        assertThat(q.getNowait()).isEqualTo("d");
        assertThat(q.get(Duration.ofSeconds(-5))).isEqualTo("e");
        String name = Attach.describe(q);
        assertThatThrownBy(q::getNowait).isExactlyInstanceOf(QueueEmptyException.class)
                .hasMessage(name + " is empty");
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isExactlyInstanceOf(QueueEmptyException.class)
                .hasMessage(name + " is empty");
        assertThatThrownBy(() -> q.get(Duration.ofMillis(100))).isExactlyInstanceOf(QueueEmptyException.class)
                .hasMessage(name + " is empty after waiting PT0.1S");
        assertThat(q.qsize()).isZero();
    }

    @Test
    void qsizeCountsItemsPutAndNotYetGot() throws Exception {
        Queue<Integer> q = queue(0);
        assertThat(q.qsize()).isZero();
        q.put(1);
        assertThat(q.qsize()).isEqualTo(1);
        q.put(5);
        assertThat(q.qsize()).isEqualTo(2);
        q.get();
        assertThat(q.qsize()).isEqualTo(1);
        q.get();
        assertThat(q.qsize()).isZero();
    }

    @Test
    void unboundedQueueIsNeverFull() throws Exception {
        Queue<Integer> q = queue(-3);
        for (int i = 0; i < 1000; i++) {
            q.putNowait(i);
        }
        assertThat(q.full()).isFalse();
        assertThat(q.maxsize()).isZero();
        assertThat(q.qsize()).isEqualTo(1000);
    }

    @Test
    void structuredItemsRoundTrip() throws Exception {
        Queue<Object> q = queue(0);
        List<Object> items = List.of(List.of(1, 2, 3), Map.of("k", 4L), "text", 3.5, new ArrayList<>(List.of("x")));
        for (Object o : items) {
            q.put(o);
        }
        for (Object o : items) {
            assertThat(q.get()).isEqualTo(o);
        }
    }

    // ------------------------------------------------------------------ blocking, timeouts, interruption

    @Test
    void blockedGetterIsWokenByPut() throws Exception {
        Queue<String> q = queue(0);
        Future<String> got = threads.submit(() -> q.get());
        q.put("wake");
        assertThat(got.get(30, TimeUnit.SECONDS)).isEqualTo("wake");
    }

    @Test
    void blockedPutIsAdmittedWhenAGetFreesRoom() throws Exception {
        Queue<String> q = queue(1);
        q.put("first");
        Future<?> put = threads.submit(() -> {
            q.put("second");
            return null;
        });
        assertThat(q.get()).isEqualTo("first");
        put.get(30, TimeUnit.SECONDS);
        assertThat(q.get()).isEqualTo("second");
        assertThat(q.qsize()).isZero();
    }

    @Test
    void timedOutGetLeavesNothingBehindAndLaterItemsArrive() throws Exception {
        Queue<String> q = queue(0);
        assertThatThrownBy(() -> q.get(Duration.ofMillis(50))).isExactlyInstanceOf(QueueEmptyException.class);
        q.put("later");
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("later");
        assertThat(q.qsize()).isZero();
    }

    @Test
    void interruptedGetTakesNoItem() throws Exception {
        Queue<String> q = queue(0);
        assertThat(q.qsize()).isZero();
        Thread[] getter = new Thread[1];
        Future<Throwable> outcome = threads.submit(() -> {
            getter[0] = Thread.currentThread();
            try {
                q.get();
                return null;
            } catch (InterruptedException e) {
                return e;
            }
        });
        awaitBlocked(() -> getter[0]);
        getter[0].interrupt();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        q.put("kept");
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getNowait()).isEqualTo("kept");
    }

    @Test
    void interruptedPutIsNotPut() throws Exception {
        Queue<String> q = queue(1);
        q.put("only");
        assertThat(q.qsize()).isEqualTo(1);
        Thread[] putter = new Thread[1];
        Future<Throwable> outcome = threads.submit(() -> {
            putter[0] = Thread.currentThread();
            try {
                q.put("refused");
                return null;
            } catch (InterruptedException e) {
                return e;
            }
        });
        awaitBlocked(() -> putter[0]);
        putter[0].interrupt();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("only");
        assertThat(q.empty()).isTrue();
    }

    /** Waits until the thread is parked or in a blocking wait (a state check, not a sleep); fails after 60 s. */
    private static void awaitBlocked(java.util.function.Supplier<Thread> thread) throws InterruptedException {
        Await.until(() -> {
            Thread t = thread.get();
            return t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING
                    || (t.getState() == Thread.State.RUNNABLE && inSelect(t)));
        }, "the thread to block");
    }

    private static boolean inSelect(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().contains("EPoll") || e.getClassName().contains("SelectorImpl")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ errors

    @Test
    void unencodableValueFailsAtPutAndCountsStayRight() throws Exception {
        Queue<Object> q = queue(0);
        q.put("before");
        assertThatThrownBy(() -> q.put(Thread.currentThread())).isInstanceOf(SerializationException.class)
                .isNotInstanceOf(DecodeException.class)
                .hasMessageContaining("java.lang.Thread");
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("before");
        assertThat(q.empty()).isTrue();
    }

    @Test
    void unencodableValueFailsAtBoundedPutAndCountsStayRight() throws Exception {
        Queue<Object> q = queue(2);
        q.put("before");
        assertThatThrownBy(() -> q.put(Thread.currentThread(), Duration.ofSeconds(30)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("java.lang.Thread");
        assertThatThrownBy(() -> q.putNowait(Thread.currentThread())).isInstanceOf(SerializationException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.full()).isFalse();
        q.put("after");
        assertThat(q.get()).isEqualTo("before");
        assertThat(q.get()).isEqualTo("after");
    }

    @Test
    void decodeFailureConsumesThatItemOnly() throws Exception {
        Queue<Object> q = queue(0);
        q.put(DecodeBombs.nestedHashSets(100));
        q.put("next");
        assertThatThrownBy(q::get).isExactlyInstanceOf(DecodeException.class)
                .hasMessageContaining("exceeds the budget");
        assertThat(q.get()).isEqualTo("next");
        assertThat(q.qsize()).isZero();
    }

    @Test
    void putOfATypeThePolicyRefusesRaisesInTheCallerAndPutsNothing() throws Exception {
        Queue<Object> q = queue(0);
        q.put("before");
        assertThatThrownBy(() -> q.put(new Outsider("refused")))
                .isInstanceOfSatisfying(TypeNotAllowedException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(Outsider.class.getName());
                    assertThat(e.payload()).isEmpty();
                });
        assertThatThrownBy(() -> q.putNowait(new ArrayList<>(List.of("nested", new Outsider("refused")))))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(Outsider.class.getName()));
        assertThat(q.qsize()).isEqualTo(1);
        q.put("after");
        assertThat(q.get()).isEqualTo("before");
        assertThat(q.get()).isEqualTo("after");
        assertThat(q.empty()).isTrue();
    }

    @Test
    void closedQueueRaisesOnPutAndGet() throws Exception {
        Queue<String> q = queue(0);
        q.put("kept");
        q.close();
        q.close();
        assertThatThrownBy(() -> q.put("x")).isExactlyInstanceOf(QueueClosedException.class)
                .hasMessage(closedMessage(q));
        assertThatThrownBy(q::get).isExactlyInstanceOf(QueueClosedException.class).hasMessage(closedMessage(q));
        assertThatThrownBy(q::getNowait).isExactlyInstanceOf(QueueClosedException.class);
        assertThatThrownBy(() -> q.putNowait("x")).isExactlyInstanceOf(QueueClosedException.class);
    }

    @Test
    void joinThreadRequiresCloseFirst() throws Exception {
        Queue<String> q = queue(0);
        q.put("x");
        assertThatThrownBy(q::joinThread).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Queue is still open");
        q.cancelJoinThread();
        q.close();
        q.joinThread();
    }

    // ------------------------------------------------------------------ streams and threads

    @Test
    void streamOfItemsArrivesInOrder() throws Exception {
        Queue<Integer> q = queue(0);
        int n = 20_000;
        Future<?> producer = threads.submit(() -> {
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            return null;
        });
        for (int i = 0; i < n; i++) {
            assertThat(q.get()).isEqualTo(i);
        }
        producer.get(30, TimeUnit.SECONDS);
        assertThat(q.qsize()).isZero();
    }

    @Test
    void concurrentGettersReceiveEachItemOnce() throws Exception {
        Queue<Integer> q = queue(50);
        int n = 4000;
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> getters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            getters.add(threads.submit(() -> {
                int count = 0;
                for (;;) {
                    int v = q.get();
                    if (v < 0) {
                        return count;
                    }
                    assertThat(seen.add(v)).isTrue();
                    count++;
                }
            }));
        }
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        for (int t = 0; t < 4; t++) {
            q.put(-1);
        }
        int total = 0;
        for (Future<Integer> f : getters) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(n);
        assertThat(seen).hasSize(n);
        assertThat(q.qsize()).isZero();
    }

    // ------------------------------------------------------------------ SimpleQueue

    @Test
    void simpleQueueEmptyReflectsContents() throws Exception {
        SimpleQueue<String> q = simple();
        assertThat(q.empty()).isTrue();
        q.put("a");
        assertThat(q.empty()).isFalse();
        q.put("b");
        assertThat(q.get()).isEqualTo("a");
        assertThat(q.empty()).isFalse();
        assertThat(q.get()).isEqualTo("b");
        assertThat(q.empty()).isTrue();
        assertThat(q).isNotInstanceOf(Queue.class);
        q.close();
        assertThatThrownBy(() -> q.put("c")).isExactlyInstanceOf(QueueClosedException.class)
                .hasMessage(closedMessage(q));
        assertThatThrownBy(q::get).isExactlyInstanceOf(QueueClosedException.class);
    }

    // ------------------------------------------------------------------ JoinableQueue

    @Test
    void taskDoneTooManyTimesRaises() throws Exception {
        JoinableQueue<String> q = joinable();
        assertThatThrownBy(q::taskDone).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("taskDone() called too many times");
        q.put("t");
        q.get();
        q.taskDone();
        assertThatThrownBy(q::taskDone).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("taskDone() called too many times");
    }

    @Test
    void joinWaitsUntilEveryTaskIsDone() throws Exception {
        JoinableQueue<Integer> q = joinable();
        assertThat(q.join(Duration.ZERO)).isTrue();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        assertThat(q.join(Duration.ofMillis(50))).isFalse();
        Future<Boolean> joined = threads.submit(() -> {
            q.join();
            return true;
        });
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            got.add(q.get());
            assertThat(joined.isDone()).isFalse();
            q.taskDone();
        }
        assertThat(joined.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(got).hasSize(10);
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @Test
    void undecodableTaskIsFinishedByTheFailedGet() throws Exception {
        JoinableQueue<Object> q = joinable();
        q.put(DecodeBombs.nestedHashSets(100));
        assertThatThrownBy(q::get).isInstanceOf(DecodeException.class);
        assertThat(q.join(Duration.ofSeconds(30))).isTrue();
    }
}
