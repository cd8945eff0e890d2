package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.queue.internal.Attach;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §4 with real child JVMs and real {@code kill -9}. */
@Timeout(120)
class FailureModelTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    @TempDir
    Path logs;
    private ChildJvms children;

    @BeforeEach
    void setUp() {
        children = new ChildJvms(logs);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        threads.shutdownNow();
        children.closeAll();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private JvmProcess start(ProcessTarget target, Object... args) {
        return children.start(target, args);
    }

    /** Polls a condition of the owner's state (not a timing assumption), with {@link Await}'s deadline. */
    private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
        Await.until(() -> value.getAsInt() == expected, "value " + expected);
    }

    @Test
    void consumerKilledWhileBlockedInGetDoesNotDisturbOthers() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        Queue<String> q = f.queue();
        SimpleQueue<String> results = f.simpleQueue();
        JvmProcess victim = start(QueueChildren::relayOne, q, results);
        awaitValue(() -> Attach.waitingAtOwner(q), 1);
        JvmProcess survivor = start(QueueChildren::relayOne, q, results);
        awaitValue(() -> Attach.waitingAtOwner(q), 2);

        ChildJvms.killNine(victim);
        awaitValue(() -> Attach.waitingAtOwner(q), 1);
        q.put("one");
        q.put("two");

        assertThat(results.get()).isEqualTo("one");
        assertThat(survivor.join(LONG)).isTrue();
        assertThat(survivor.exitCode()).hasValue(0);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getNowait()).isEqualTo("two");
    }

    @Test
    void itemsHandedToAConsumerJustKilledAreNotLost() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        SimpleQueue<String> results = QueueFactory.defaults().simpleQueue();
        JvmProcess victim = start(QueueChildren::relayOne, q, results);
        awaitValue(() -> Attach.waitingAtOwner(q), 1);
        victim.kill();
        // The owner may still count the dead consumer's credit: "a" then goes in flight to it and comes back
        // (to the front) once the owner sees the connection end; "b" may overtake it meanwhile.
        q.put("a");
        q.put("b");
        assertThat(victim.join(LONG)).isTrue();
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(List.of(q.get(LONG), q.get(LONG))).containsExactlyInAnyOrder("a", "b");
        assertThat(q.qsize()).isZero();
        assertThat(results.empty()).isTrue();
    }

    @Test
    void workerKilledHoldingATaskHasItRequeuedAndJoinReturns() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        JoinableQueue<String> tasks = f.joinableQueue();
        SimpleQueue<String> reports = f.simpleQueue();
        JvmProcess worker = start(QueueChildren::takeTaskThenHang, tasks, reports);
        tasks.put("task-1");
        tasks.put("task-2");
        assertThat(reports.get()).isEqualTo("took task-1");
        ChildJvms.killNine(worker);
        awaitValue(() -> (int) tasks.tasksRequeued(), 1);

        assertThat(tasks.get(LONG)).isEqualTo("task-1");
        tasks.taskDone();
        assertThat(tasks.get(LONG)).isEqualTo("task-2");
        tasks.taskDone();
        assertThat(tasks.join(LONG)).isTrue();
        assertThat(tasks.tasksRequeued()).isEqualTo(1);
        assertThat(tasks.tasksCountedAsDone()).isZero();
    }

    @Test
    void workerKilledHoldingATaskCountsItAsDoneWhenConfigured() throws Exception {
        QueueFactory f = QueueFactory.builder().onWorkerDeath(OnWorkerDeath.COUNT_AS_DONE).build();
        JoinableQueue<String> tasks = f.joinableQueue();
        SimpleQueue<String> reports = f.simpleQueue();
        JvmProcess worker = start(QueueChildren::takeTaskThenHang, tasks, reports);
        tasks.put("task-1");
        assertThat(reports.get()).isEqualTo("took task-1");
        ChildJvms.killNine(worker);

        assertThat(tasks.join(LONG)).isTrue();
        assertThat(tasks.tasksCountedAsDone()).isEqualTo(1);
        assertThat(tasks.tasksRequeued()).isZero();
        assertThat(tasks.qsize()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownerKilledGivesEveryRemoteWaiterQueueBrokenException() throws Exception {
        JvmProcess owner = children.start(JvmProcess.builder(QueueChildren::ownQueuesThenHang)
                .redirectOutput(ProcessBuilder.Redirect.PIPE));
        String line = new BufferedReader(new InputStreamReader(owner.stdout(), StandardCharsets.US_ASCII))
                .readLine();
        Object[] handles;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder()
                .decode(line)))) {
            handles = (Object[]) in.readObject();
        }
        Queue<String> plain = (Queue<String>) handles[0];
        Queue<String> bounded = (Queue<String>) handles[1];
        JoinableQueue<String> joinable = (JoinableQueue<String>) handles[2];
        assertThat(plain.qsize()).isZero();
        assertThat(bounded.full()).isTrue();
        assertThat(joinable.qsize()).isEqualTo(1);
        assertThat(joinable.get()).isEqualTo("unfinished");

        Future<?> get = threads.submit(() -> plain.get());
        Future<?> put = threads.submit(() -> {
            bounded.put("blocked");
            return null;
        });
        Future<?> join = threads.submit(() -> {
            joinable.join();
            return null;
        });
        Future<?> timedGet = threads.submit(() -> plain.get(Duration.ofHours(1)));

        ChildJvms.killNine(owner);
        String gone = "queue ";
        for (Future<?> waiter : List.of(get, put, join, timedGet)) {
            assertThatThrownBy(() -> waiter.get(60, TimeUnit.SECONDS)).cause()
                    .isExactlyInstanceOf(QueueBrokenException.class)
                    .hasMessageStartingWith(gone)
                    .hasMessageContaining(" owned by " + owner.pid() + "@")
                    .hasMessageContaining(" is gone: ");
        }
        assertThatThrownBy(() -> plain.put("after")).isExactlyInstanceOf(QueueBrokenException.class);
        assertThatThrownBy(plain::qsize).isExactlyInstanceOf(QueueBrokenException.class);
    }

    @Test
    void largeItemPutByAProducerThatExitsIsStillDelivered() throws Exception {
        int size = 8 << 20;
        Queue<byte[]> q = QueueFactory.defaults().queue();
        JvmProcess producer = start(QueueChildren::putLargeItemAndExit, q, size);
        assertThat(producer.join(LONG)).isTrue();
        assertThat(producer.exitCode()).hasValue(0);
        byte[] got = q.get(LONG);
        assertThat(QueueChildren.isPattern(got, size)).isTrue();
    }
}
