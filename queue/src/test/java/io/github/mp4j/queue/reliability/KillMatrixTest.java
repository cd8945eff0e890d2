package io.github.mp4j.queue.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.pipe.internal.Waiting;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.queue.ChildJvms;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.Attach;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §4 under real {@code kill -9} of child JVMs, with numbered, checksummed items: a producer mid-put, a
 * consumer mid-get, a worker holding a task, the queue's owner, a child holding a pipe end. Children report each
 * finished operation on stdout after it returned, so "acknowledged" is exact; the tests count lost and duplicated
 * items and check that no survivor hangs. How long survivors took to notice each death is printed at the end.
 *
 * <p>The whole matrix runs twice: over {@link Transport#AUTO} (queue sessions and handed pipe ends on shared-memory
 * rings, the default) and over {@link Transport#SOCKET} (frames on the Unix socket). Each case checks first that
 * its sessions or pipe end really ride on the transport under test.
 */
@Timeout(120)
@ParameterizedClass(name = "transport {0}")
@EnumSource(value = Transport.class, names = {"AUTO", "SOCKET"})
class KillMatrixTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Map<String, Long> NOTICED_MILLIS = new TreeMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private ChildJvms children;

    @Parameter
    Transport transport;

    /** The factory of every queue and pipe here: the transport under test. */
    private QueueFactory factory() {
        return QueueFactory.builder().transport(transport).build();
    }

    /** What carries a same-host connection between two JVMs under the transport under test. */
    private String expectedTransportName() {
        return transport == Transport.SOCKET ? "unix" : "shm";
    }

    @BeforeEach
    void setUp() {
        children = new ChildJvms(reports);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        threads.shutdownNow();
        children.closeAll();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void report() {
        System.out.println("kill matrix: time from kill -9 to a survivor noticing (ms): " + NOTICED_MILLIS);
    }

    @TempDir
    Path reports;

    /** Starts a child with piped stdout and a report file; returns what follows its reports. */
    private ChildLines start(ProcessTarget target, Object... args) throws IOException {
        Path record = Files.createTempFile(reports, "child", ".txt");
        JvmProcess p = children.start(JvmProcess.builder(target).args(args).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .jvmOptions("-D" + ReliabilityChildren.REPORT_PROPERTY + "=" + record));
        return new ChildLines(p, record);
    }

    private synchronized void noticed(String what, long killedAt) {
        NOTICED_MILLIS.put(transport + ": " + what, (System.nanoTime() - killedAt) / 1_000_000);
    }

    // ------------------------------------------------------------------ producer

    @ParameterizedTest(name = "maxsize {0}")
    @ValueSource(ints = {0, 50})
    void producerKilledMidPutLosesNoAcknowledgedItem(int maxsize) throws Exception {
        Queue<String> q = factory().queue(maxsize);
        Map<String, Integer> received = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> consumer = threads.submit(() -> {
            while (!stop.get()) {
                try {
                    received.merge(Items.verify(q.get(Duration.ofMillis(50))), 1, Integer::sum);
                } catch (QueueEmptyException e) {
                    // nothing yet: look at the stop flag again
                }
            }
            return null;
        });
        ChildLines lines = start(ReliabilityChildren::produceForever, q, 1);
        JvmProcess producer = lines.process();
        lines.awaitCount("ACK ", 3000, LONG);
        assertThat(Attach.sessionTransportsAtOwner(q)).containsExactly(expectedTransportName());

        ChildJvms.killNine(producer);
        long acked = lastAck(lines.awaitEnd(LONG));
        awaitAll(received, 1, acked);
        stop.set(true);
        consumer.get(30, TimeUnit.SECONDS);
        for (String item = poll(q); item != null; item = poll(q)) {
            received.merge(Items.verify(item), 1, Integer::sum);
        }

        assertThat(missing(received, 1, acked)).as("acknowledged items lost").isEmpty();
        assertThat(duplicated(received)).as("items delivered twice").isEmpty();
        assertThat(received).as("beyond the acknowledged: at most the one put the kill cut off before its report")
                .hasSizeLessThanOrEqualTo((int) acked + 2);
        q.put("still works");
        assertThat(q.get(LONG)).isEqualTo("still works");
        System.out.printf("producer kill (maxsize %d): %d acknowledged, %d received, 0 lost, 0 duplicated%n",
                maxsize, acked + 1, received.size());
    }

    // ------------------------------------------------------------------ consumer

    @Test
    void consumerKilledMidGetLosesAndDuplicatesNothing() throws Exception {
        int n = 4000;
        Queue<String> q = factory().queue();
        // The victim starts first and works slower, so both consume while it is killed whatever the start-up times.
        ChildLines victimLines = start(ReliabilityChildren::consumeUntilStop, q, 5);
        JvmProcess victim = victimLines.process();
        for (int i = 0; i < n; i++) {
            q.put(Items.make(2, i));
        }
        victimLines.awaitCount("GOT ", 1, LONG);
        ChildLines survivorLines = start(ReliabilityChildren::consumeUntilStop, q, 1);
        JvmProcess survivor = survivorLines.process();
        survivorLines.awaitCount("GOT ", 1, LONG);
        victimLines.awaitCount("GOT ", victimLines.count("GOT ") + 20, LONG);
        assertThat(Attach.sessionTransportsAtOwner(q)).containsExactly(expectedTransportName(),
                expectedTransportName());
        Reports reports = killVictimThenStopSurvivor(q, victim, victimLines, survivor, survivorLines);
        Map<String, Integer> received = reports.received();
        List<String> victimGot = reports.victimGot();
        // Items in flight to the victim go back to the queue once the owner sees its connection end.
        int leftInQueue = drainMissing(q, received, 2, n - 1);
        List<String> lost = missing(received, 2, n - 1);
        // The one item whose get returned in the victim but whose GOT line the kill cut off was delivered: it is
        // in the victim's hands, not lost; at most one, as the victim has one consuming thread.
        assertThat(lost).as("items neither reported nor left in the queue").hasSizeLessThanOrEqualTo(1);
        assertThat(duplicated(received)).as("items delivered twice").isEmpty();
        assertThat(q.qsize()).isZero();
        System.out.printf("consumer kill: %d put, victim got %d, %d left in the queue after the survivor stopped,"
                + " %d in the victim's hands at the kill, 0 duplicated%n", n, victimGot.size(), leftInQueue,
                lost.size());
    }

    @ParameterizedTest(name = "killed after {0} burst(s)")
    @ValueSource(ints = {1, 2})
    void consumerKilledWhileSittingOnPrefetchedItemsLosesAndDuplicatesNothing(int bursts) throws Exception {
        int n = 2000;
        int burst = 200;
        Queue<String> q = factory().queue();
        SimpleQueue<Object> go = factory().simpleQueue();
        for (int i = 0; i < n; i++) {
            q.put(Items.make(4, i));
        }
        ChildLines victimLines = start(ReliabilityChildren::consumeInBurstsThenWait, q, go, burst);
        JvmProcess victim = victimLines.process();
        victimLines.awaitCount("IDLE", 1, LONG);
        assertThat(Attach.sessionTransportsAtOwner(q)).containsExactly(expectedTransportName());
        assertThat(Attach.inFlightAtOwner(q)).as("items the idle victim prefetched").isPositive();
        ChildLines survivorLines = start(ReliabilityChildren::consumeUntilStop, q, 1);
        JvmProcess survivor = survivorLines.process();
        // The survivor empties the queue and waits: the owner takes back what the victim sits on (its page stays
        // fenced while it waits). After a second burst the victim has read the UNFENCE and holds fresh items.
        awaitFences(q, 1);
        int total = n;
        if (bursts == 2) {
            for (int i = n; i < n + 1000; i++) {
                q.put(Items.make(4, i));
            }
            total += 1000;
            go.put("go");
            victimLines.awaitCount("IDLE", 2, LONG);
        }
        Reports reports = killVictimThenStopSurvivor(q, victim, victimLines, survivor, survivorLines);
        Map<String, Integer> received = reports.received();
        List<String> victimGot = reports.victimGot();
        int leftInQueue = drainMissing(q, received, 4, total - 1);
        // The victim was killed waiting on the other queue: every get it made was reported.
        assertThat(missing(received, 4, total - 1)).as("items neither reported nor left in the queue").isEmpty();
        assertThat(duplicated(received)).as("items delivered twice").isEmpty();
        assertThat(victimGot).hasSize(bursts * burst);
        assertThat(q.qsize()).isZero();
        System.out.printf("idle consumer kill after %d burst(s): %d put, victim got %d, its items taken back %d"
                + " time(s), %d left in the queue, 0 lost, 0 duplicated%n", bursts, total, victimGot.size(),
                Attach.fencesAtOwner(q), leftInQueue);
    }

    // ------------------------------------------------------------------ joinable worker

    @Test
    void workerKilledHoldingATaskHasOnlyItsUnfinishedTasksRequeuedAndJoinReturns() throws Exception {
        int n = 400;
        JoinableQueue<String> tasks = factory().joinableQueue();
        for (int i = 0; i < n; i++) {
            tasks.put(Items.make(3, i));
        }
        // The victim starts first and works slower, so both work while it is killed whatever the start-up times.
        ChildLines victimLines = start(ReliabilityChildren::workUntilStop, tasks, 20);
        JvmProcess victim = victimLines.process();
        victimLines.awaitCount("TOOK ", 1, LONG);
        ChildLines survivorLines = start(ReliabilityChildren::workUntilStop, tasks, 2);
        JvmProcess survivor = survivorLines.process();
        survivorLines.awaitCount("TOOK ", 1, LONG);
        victimLines.awaitCount("TOOK ", victimLines.count("TOOK ") + 3, LONG);
        assertThat(Attach.sessionTransportsAtOwner(tasks)).containsExactly(expectedTransportName(),
                expectedTransportName());
        long killedAt = ChildJvms.killNine(victim);
        List<String> victimOut = victimLines.awaitEnd(LONG);
        Set<String> victimTook = keys(ChildLines.after(victimOut, "TOOK "));
        Set<String> victimDone = keys(ChildLines.after(victimOut, "DONE "));
        Set<String> unfinished = new HashSet<>(victimTook);
        unfinished.removeAll(victimDone);
        if (!unfinished.isEmpty()) {
            awaitRequeued(tasks, unfinished.size());
            noticed("worker holding a task: owner re-queued its task", killedAt);
        }

        assertThat(tasks.join(LONG)).as("join returns despite the dead worker").isTrue();
        tasks.put(ReliabilityChildren.STOP);
        assertThat(survivor.join(LONG)).isTrue();
        assertThat(survivor.exitCode()).hasValue(0);

        List<String> survivorDone = ChildLines.after(survivorLines.awaitEnd(LONG), "DONE ");
        Map<String, Integer> done = new HashMap<>();
        victimDone.forEach(k -> done.merge(k, 1, Integer::sum));
        survivorDone.forEach(item -> done.merge(Items.verify(item), 1, Integer::sum));

        long requeued = tasks.tasksRequeued();
        assertThat(missing(done, 3, n - 1)).as("tasks never finished").isEmpty();
        assertThat(duplicated(done)).as("tasks finished twice").isEmpty();
        // Re-queued: what the victim took and did not finish, plus at most the one task whose TOOK line the kill
        // cut off; a task it finished is never run again.
        assertThat(requeued).isBetween((long) unfinished.size(), unfinished.size() + 1L);
        assertThat(tasks.tasksCountedAsDone()).isZero();
        System.out.printf("worker kill: %d tasks, victim finished %d, %d re-queued, 0 lost, 0 finished twice%n",
                n, victimDone.size(), requeued);
    }

    // ------------------------------------------------------------------ owner

    @Test
    void ownerKilledWhileServingEndsTheConsumersGetWithQueueBroken() throws Exception {
        ChildLines lines = start(ReliabilityChildren::ownAndProduceForever, transport.name());
        JvmProcess owner = lines.process();
        lines.awaitCount("", 1, LONG);
        String handle = lines.firstLine();
        Queue<String> q = decode(handle);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            got.add(q.get(LONG));
        }
        long killedAt = ChildJvms.killNine(owner);
        assertThatThrownBy(() -> {
            for (;;) {
                got.add(q.get(LONG));
            }
        }).isExactlyInstanceOf(QueueBrokenException.class).hasMessageContaining(" owned by " + owner.pid() + "@")
                .hasMessageContaining(" is gone: ");
        noticed("queue owner: consumer's get() raised QueueBrokenException", killedAt);

        long acked = lastAck(lines.awaitEnd(LONG));
        long expected = 0;
        for (String item : got) {
            assertThat(Items.verify(item)).as("FIFO from one producer, nothing lost or repeated in between")
                    .isEqualTo(Items.key(0, expected++));
        }
        assertThat(expected - 1).as("nothing received that was not put").isLessThanOrEqualTo(acked + 1);
        assertThatThrownBy(() -> q.put("after")).isExactlyInstanceOf(QueueBrokenException.class);
        System.out.printf("owner kill: owner acknowledged %d puts, consumer received %d in order, 0 duplicated%n",
                acked + 1, got.size());
    }

    // ------------------------------------------------------------------ pipe end

    @Test
    void childHoldingAPipeEndKilledLeavesEveryAcknowledgedFrameThenEndOfStream() throws Exception {
        try (Pipe pipe = factory().pipe(true)) {
            ChildLines lines = start(ReliabilityChildren::sendForever, pipe.second());
            JvmProcess sender = lines.process();
            Connection mine = pipe.first();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                got.add((String) mine.recv());
            }
            lines.awaitCount("ACK ", 2000, LONG);
            assertThat(Waiting.transportOf(mine).transportName()).isEqualTo(expectedTransportName());
            long killedAt = ChildJvms.killNine(sender);
            long acked = lastAck(lines.awaitEnd(LONG));
            Throwable end = null;
            long noticedAt = 0;
            try {
                for (;;) {
                    got.add((String) mine.recv());
                }
            } catch (EOFException | TruncatedFrameException e) {
                end = e;
                noticed("pipe end: recv() raised " + e.getClass().getSimpleName(), killedAt);
            }
            assertThat(end).isNotNull();
            long expected = 0;
            for (String item : got) {
                assertThat(Items.verify(item)).isEqualTo(Items.key(0, expected++));
            }
            assertThat(expected - 1).as("every acknowledged send arrived").isGreaterThanOrEqualTo(acked);
            System.out.printf("pipe holder kill: %d sends acknowledged, %d received in order, ended by %s%n",
                    acked + 1, got.size(), end.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static long lastAck(List<String> lines) {
        List<String> acks = ChildLines.after(lines, "ACK ");
        assertThat(acks).isNotEmpty();
        return Long.parseLong(acks.get(acks.size() - 1));
    }

    /** Polls the received map (a condition of the test's state, 10 ms steps) until source's 0..last are in. */
    private static void awaitAll(Map<String, Integer> received, int source, long last) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!missing(received, source, last).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Polls the owner's re-queue counter (10 ms steps, up to 60 s) until it reaches {@code n}. */
    private static void awaitRequeued(JoinableQueue<String> tasks, int n) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (tasks.tasksRequeued() < n) {
            assertThat(System.nanoTime()).as("owner re-queues %d tasks", n).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Counts each of {@code items} (checksums verified) in {@code received} by key. */
    private static void count(Map<String, Integer> received, List<String> items) {
        for (String item : items) {
            received.merge(Items.verify(item), 1, Integer::sum);
        }
    }

    /**
     * Gets items left in {@code q} into {@code received} while some of {@code source}'s 0..last are missing, until
     * none comes within 5 s; returns how many it got.
     */
    private static int drainMissing(Queue<String> q, Map<String, Integer> received, int source, long last)
            throws InterruptedException {
        int got = 0;
        while (!missing(received, source, last).isEmpty()) {
            try {
                received.merge(Items.verify(q.get(Duration.ofSeconds(5))), 1, Integer::sum);
            } catch (QueueEmptyException e) {
                break;
            }
            got++;
        }
        return got;
    }

    /** Polls the owner's fence counter (10 ms steps, up to 60 s) until it reaches {@code n}. */
    private static void awaitFences(Queue<String> q, int n) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (Attach.fencesAtOwner(q) < n) {
            assertThat(System.nanoTime()).as("owner takes back an idle consumer's items %d time(s)", n)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static List<String> missing(Map<String, Integer> received, int source, long last) {
        List<String> r = new ArrayList<>();
        for (long s = 0; s <= last; s++) {
            if (!received.containsKey(Items.key(source, s))) {
                r.add(Items.key(source, s));
            }
        }
        return r;
    }

    private static List<String> duplicated(Map<String, Integer> received) {
        List<String> r = new ArrayList<>();
        received.forEach((k, c) -> {
            if (c > 1) {
                r.add(k + " x" + c);
            }
        });
        return r;
    }

    private static Set<String> keys(List<String> items) {
        Set<String> r = new HashSet<>();
        for (String item : items) {
            r.add(Items.verify(item));
        }
        return r;
    }

    private static String poll(Queue<String> q) {
        try {
            return q.getNowait();
        } catch (QueueEmptyException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Queue<String> decode(String base64) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(base64)))) {
            return (Queue<String>) in.readObject();
        }
    }

    /** What the two consumers of a kill scenario reported: every GOT item counted, and the victim's own list. */
    private record Reports(Map<String, Integer> received, List<String> victimGot) {
    }

    /** Kills the victim, stops the survivor with {@code STOP} (asserting it exits 0) and counts both reports. */
    private static Reports killVictimThenStopSurvivor(Queue<String> q, JvmProcess victim, ChildLines victimLines,
                                                      JvmProcess survivor, ChildLines survivorLines)
            throws Exception {
        ChildJvms.killNine(victim);
        q.put(ReliabilityChildren.STOP);
        assertThat(survivor.join(LONG)).as("survivor stops").isTrue();
        assertThat(survivor.exitCode()).hasValue(0);
        Map<String, Integer> received = new HashMap<>();
        List<String> victimGot = ChildLines.after(victimLines.awaitEnd(LONG), "GOT ");
        count(received, victimGot);
        count(received, ChildLines.after(survivorLines.awaitEnd(LONG), "GOT "));
        return new Reports(received, victimGot);
    }
}
