package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.QueueFullException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.internal.Attach;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attacks the pooled arrays of large items (owner {@code FrameLease}s, the consumers' receive pools) through every
 * path that hands an item over or gives one up: several consumer JVMs at once (one with gets that time out while
 * items are on their way), remote and local producers and local getters, Queue / SimpleQueue / JoinableQueue over
 * SOCKET and AUTO, puts given up on a full bounded queue, kill -9 of a consumer holding items under REQUEUE and
 * COUNT_AS_DONE, decode failures inside large payloads, interrupted and timed-out local gets. Items are distinct,
 * of mixed sizes around the 64 KiB threshold, and checked byte for byte (CRC) where they are finally got: an array
 * reused while still referenced shows as a wrong CRC, a duplicate or a lost item.
 */
@Timeout(120)
class LargeItemPoolAttackTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final int CONSUMERS = 3;
    @TempDir
    Path logs;
    private ChildJvms children;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        children = new ChildJvms(logs);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        children.closeAll();
    }

    enum Kind { QUEUE, SIMPLE, JOINABLE }

    private static List<String> expectedMixed(List<Integer> ids) {
        return ids.stream().map(i -> LargeItems.describe(LargeItems.mixed(i))).toList();
    }

    private static SimpleQueue<byte[]> make(QueueFactory f, Kind kind) {
        return switch (kind) {
            case QUEUE -> f.queue();
            case SIMPLE -> f.simpleQueue();
            case JOINABLE -> f.joinableQueue();
        };
    }

    static List<Object[]> kindsAndTransports() {
        List<Object[]> l = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (Transport t : List.of(Transport.SOCKET, Transport.AUTO)) {
                l.add(new Object[] {k, t});
            }
        }
        return l;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("kindsAndTransports")
    void mixedSizesThroughThreeConsumerJvmsARemoteProducerAndLocalGetsArriveIntact(Kind kind, Transport transport)
            throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).build();
        SimpleQueue<byte[]> q = make(f, kind);
        SimpleQueue<byte[]> remoteProducer = Attach.remote(q);
        Queue<String> reports = f.queue();
        for (int c = 0; c < CONSUMERS; c++) {
            children.start(LargeItemChildren::describeForever, q, reports, c == 0 && kind != Kind.SIMPLE);
        }
        List<String> got = new ArrayList<>();
        int total = 84;
        for (int i = 0; i < total; i++) {
            (i % 3 == 1 ? remoteProducer : q).put(LargeItems.mixed(i));
            if (i % 7 == 6) { // the owner's own get competes with the consumers for items and arrays
                got.add(LargeItems.describe(q.get()));
                doneIfJoinable(q);
            }
        }
        // the consumers keep getting until the end of the test: every item reaches one of them or the owner
        while (got.size() < total) {
            got.add(reports.get(LONG));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ChildJvms.range(0, total)));
        if (q instanceof JoinableQueue<byte[]> j) {
            assertThat(j.join(LONG)).isTrue();
        }
        assertThat(Attach.pooledArrayReusesAtOwner(q)).isPositive();
        remoteProducer.close();
    }

    private static void doneIfJoinable(SimpleQueue<byte[]> q) {
        if (q instanceof JoinableQueue<byte[]> j) {
            j.taskDone();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void putsGivenUpOnAFullBoundedQueueNeverReleaseAnArrayStillQueued(Transport transport) throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).build();
        Queue<byte[]> q = f.queue(3);
        Queue<byte[]> remote = Attach.remote(q);
        Queue<Integer> go = f.queue();
        Queue<String> reports = f.queue();
        JvmProcess consumer = children.start(QueueChildren::describeLargeItemsWhenTold, q, go, reports);
        List<Integer> accepted = Collections.synchronizedList(new ArrayList<>());
        List<String> got = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 6; round++) {
            while (true) { // fill up: the last put_nowait is refused
                int id = next++;
                try {
                    (id % 2 == 0 ? q : remote).putNowait(LargeItems.mixed(id));
                    accepted.add(id);
                } catch (QueueFullException e) {
                    break;
                }
            }
            int timedLocal = next++;
            assertThatThrownBy(() -> q.put(LargeItems.mixed(timedLocal), Duration.ofMillis(5)))
                    .isInstanceOf(QueueFullException.class);
            int timedRemote = next++;
            assertThatThrownBy(() -> remote.put(LargeItems.mixed(timedRemote), Duration.ofMillis(5)))
                    .isInstanceOf(QueueFullException.class);
            int nowaitRemote = next++;
            assertThatThrownBy(() -> remote.putNowait(LargeItems.mixed(nowaitRemote)))
                    .isInstanceOf(QueueFullException.class);
            // two puts wait for room (a local one and a remote one) and are admitted when the consumer gets
            int waitLocal = next++;
            int waitRemote = next++;
            Future<?> a = threads.submit(() -> {
                q.put(LargeItems.mixed(waitLocal), LONG);
                accepted.add(waitLocal);
                return null;
            });
            Future<?> b = threads.submit(() -> {
                remote.put(LargeItems.mixed(waitRemote), LONG);
                accepted.add(waitRemote);
                return null;
            });
            Await.until(() -> Attach.waitingPutsAtOwner(q) == 2, "two puts wait for room");
            go.put(3);
            for (int i = 0; i < 3; i++) {
                got.add(reports.get(LONG));
            }
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
            got.add(LargeItems.describe(q.get(LONG))); // and the owner gets one itself
        }
        go.put(-1);
        assertThat(consumer.join(LONG)).isTrue();
        while (got.size() < accepted.size()) {
            got.add(LargeItems.describe(q.get(LONG)));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(accepted));
        assertThat(q.qsize()).isZero();
        assertThat(Attach.pooledArrayReusesAtOwner(q)).isPositive();
        remote.close();
    }

    static List<Object[]> deathPolicies() {
        List<Object[]> l = new ArrayList<>();
        for (OnWorkerDeath d : OnWorkerDeath.values()) {
            for (Transport t : List.of(Transport.SOCKET, Transport.AUTO)) {
                l.add(new Object[] {d, t});
            }
        }
        return l;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("deathPolicies")
    void aConsumerKilledHoldingTakenAndPrefetchedItemsLeavesEveryOtherItemIntact(OnWorkerDeath policy,
            Transport transport) throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).onWorkerDeath(policy).build();
        JoinableQueue<byte[]> tasks = f.joinableQueue();
        Queue<String> reports = f.queue();
        for (int i = 0; i < 10; i++) {
            tasks.put(LargeItems.mixed(i));
        }
        JvmProcess worker = children.start(LargeItemChildren::getThenHang, tasks, reports, 3);
        List<String> took = List.of(reports.get(LONG), reports.get(LONG), reports.get(LONG));
        assertThat(took).containsExactlyElementsOf(expectedMixed(List.of(0, 1, 2)));
        List<String> got = new ArrayList<>();
        for (int i = 10; i < 20; i++) { // arrays go back and are reused while the worker holds its items
            tasks.put(LargeItems.mixed(i));
            try {
                got.add(LargeItems.describe(tasks.get(Duration.ofMillis(1))));
                tasks.taskDone();
            } catch (QueueEmptyException e) {
                // the worker holds the front of the queue prefetched: fine, later
            }
        }
        ChildJvms.killNine(worker);
        if (policy == OnWorkerDeath.REQUEUE) {
            Await.until(() -> tasks.tasksRequeued() == 3, "the killed worker's 3 tasks requeued");
        } else {
            Await.until(() -> QueueFactory.tasksCountedAsDone(tasks) == 3, "the killed worker's 3 tasks counted");
        }
        for (int i = 20; i < 26; i++) {
            tasks.put(LargeItems.mixed(i));
        }
        int from = policy == OnWorkerDeath.REQUEUE ? 0 : 3;
        while (got.size() < 26 - from) {
            got.add(LargeItems.describe(tasks.get(LONG)));
            tasks.taskDone();
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ChildJvms.range(from, 26)));
        assertThat(tasks.qsize()).isZero();
        assertThat(tasks.join(LONG)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void aLargeItemThatFailsToDecodeLosesNothingElseLocallyOrRemotely(Transport transport) throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).serializer("jdk") // Unreadable refuses in jdk
                .typePolicy(TypePolicy.defaults().allowClasses(Unreadable.class.getName())).build();
        Queue<Object> q = f.queue();
        Queue<Object> remote = Attach.remote(q);
        List<String> got = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int k = 0; k < 3; k++) {
                int id = round * 3 + k;
                ids.add(id);
                q.put(LargeItems.mixed(id));
                if (k == 0) {
                    ArrayList<Object> bad = new ArrayList<>();
                    bad.add(LargeItems.sized(1000 + id, 200_000));
                    bad.add(new Unreadable());
                    q.put(bad);
                }
            }
            Queue<Object> getter = round % 2 == 0 ? remote : q;
            got.add(LargeItems.describe((byte[]) getter.get(LONG)));
            assertThatThrownBy(() -> getter.get(LONG)).isInstanceOf(DecodeException.class)
                    .hasMessageContaining(Unreadable.REFUSAL);
            got.add(LargeItems.describe((byte[]) getter.get(LONG)));
            got.add(LargeItems.describe((byte[]) getter.get(LONG)));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ids));
        assertThat(q.qsize()).isZero();
        remote.close();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void localGetsThatTimeOutOrAreInterruptedWhileRemotePutsArriveLoseNoBytes(Transport transport)
            throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).build();
        Queue<byte[]> q = f.queue();
        Queue<byte[]> remote = Attach.remote(q);
        CountDownLatch waiting = new CountDownLatch(1);
        Future<?> interrupted = threads.submit(() -> {
            waiting.countDown();
            return q.get();
        });
        waiting.await();
        Await.until(() -> Attach.waitingAtOwner(q) == 1, "a local get waits");
        interrupted.cancel(true);
        Await.until(() -> Attach.waitingAtOwner(q) == 0, "the interrupted get gave up");
        int total = 60;
        Future<?> producer = threads.submit(() -> {
            for (int i = 0; i < total; i++) {
                remote.put(LargeItems.mixed(i));
            }
            return null;
        });
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + LONG.toNanos();
        while (got.size() < total && System.nanoTime() < deadline) {
            try {
                got.add(LargeItems.describe(q.get(Duration.ofMillis(1))));
            } catch (QueueEmptyException e) {
                // timed out while an item was on its way: the next get has it
            }
        }
        producer.get(60, TimeUnit.SECONDS);
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ChildJvms.range(0, total)));
        assertThat(Attach.pooledArrayReusesAtOwner(q)).isPositive();
        remote.close();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void itemsAnIdleConsumerPrefetchedAndTheOwnerTookBackReachEachGetterOnceIntact(Transport transport)
            throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).build();
        Queue<byte[]> q = f.queue();
        Queue<Integer> go = f.queue();
        Queue<String> reports = f.queue();
        JvmProcess idle = children.start(QueueChildren::describeLargeItemsWhenTold, q, go, reports);
        List<String> got = new ArrayList<>();
        go.put(1);
        q.put(LargeItems.mixed(0));
        got.add(reports.get(LONG)); // the consumer now keeps credits: the next items are prefetched to it
        int next = 1;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 6; i++) {
                q.put(LargeItems.mixed(next++));
            }
            // the owner's gets wait behind what the idle consumer holds until it is taken back (fenced), then take
            // those items while the consumer's outbox may still be writing them
            for (int i = 0; i < 4; i++) {
                got.add(LargeItems.describe(q.get(LONG)));
            }
            go.put(1);
            got.add(reports.get(LONG));
        }
        go.put(-1);
        assertThat(idle.join(LONG)).isTrue();
        assertThat(idle.exitCode()).hasValue(0);
        while (got.size() < next) {
            got.add(LargeItems.describe(q.get(LONG)));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ChildJvms.range(0, next)));
        assertThat(q.qsize()).isZero();
        assertThat(Attach.fencesAtOwner(q)).as("the owner took prefetched items back").isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void aQueueConsumerKilledHoldingPrefetchedItemsGivesThemBackIntact(Transport transport) throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).build();
        Queue<byte[]> q = f.queue();
        Queue<String> reports = f.queue();
        for (int i = 0; i < 8; i++) {
            q.put(LargeItems.mixed(i));
        }
        JvmProcess consumer = children.start(LargeItemChildren::getThenHang, q, reports, 2);
        List<String> took = List.of(reports.get(LONG), reports.get(LONG));
        assertThat(took).containsExactlyElementsOf(expectedMixed(List.of(0, 1)));
        List<String> got = new ArrayList<>();
        for (int i = 8; i < 16; i++) {
            q.put(LargeItems.mixed(i));
            try {
                got.add(LargeItems.describe(q.get(Duration.ofMillis(1))));
            } catch (QueueEmptyException e) {
                // the consumer holds the front of the queue prefetched: later
            }
        }
        ChildJvms.killNine(consumer);
        while (got.size() < 14) {
            got.add(LargeItems.describe(q.get(LONG)));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ChildJvms.range(2, 16)));
        assertThat(q.qsize()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void theOwnerClosingItsQueueWhileConsumersReadLetsThemGetEveryItemIntact(Transport transport)
            throws Exception {
        QueueFactory f = QueueFactory.builder().transport(transport).build();
        Queue<byte[]> q = f.queue();
        Queue<String> reports = f.queue();
        for (int c = 0; c < 2; c++) {
            children.start(LargeItemChildren::describeForever, q, reports, c == 0);
        }
        // a queue closed while no process is attached is withdrawn: close once both consumers are attached
        Await.until(() -> Attach.attachedAtOwner(q) == 2, "both consumers attached");
        int total = 40;
        for (int i = 0; i < total; i++) {
            q.put(LargeItems.mixed(i));
        }
        q.close(); // ends only the owner's use: the attached consumers go on reading
        // every item reaches a consumer intact after the owner stopped using the queue
        List<String> got = new ArrayList<>();
        while (got.size() < total) {
            got.add(reports.get(LONG));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expectedMixed(ChildJvms.range(0, total)));
    }
}
