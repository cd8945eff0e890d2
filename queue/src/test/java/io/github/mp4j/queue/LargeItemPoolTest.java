package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.internal.Attach;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large items (64 KiB and more) live in pooled arrays at the owner and at each consumer, reused once an item has left
 * the queue: no item may ever see its bytes overwritten by a later one. Every item here is distinct and checked byte
 * for byte (CRC) where it is finally got, after its array and others were reused.
 */
@Timeout(120)
class LargeItemPoolTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    @TempDir
    Path logs;
    private ChildJvms children;

    @BeforeEach
    void setUp() {
        children = new ChildJvms(logs);
    }

    @AfterEach
    void cleanUp() {
        children.closeAll();
    }

    private static List<String> expected(int count) {
        return IntStream.range(0, count).mapToObj(LargeItems::expected).toList();
    }

    @Test
    void distinctLargeItemsThroughASlowConsumerKeepEveryByteWhileArraysAreReused() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        Queue<byte[]> q = f.queue();
        Queue<byte[]> remoteProducer = Attach.remote(q); // puts over a real connection: received into pooled arrays
        Queue<Integer> go = f.queue();
        Queue<String> reports = f.queue();
        JvmProcess consumer = children.start(QueueChildren::describeLargeItemsWhenTold, q, go, reports);
        List<String> got = new ArrayList<>();
        int put = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 8; i++, put++) {
                (put % 2 == 0 ? q : remoteProducer).put(LargeItems.item(put));
            }
            go.put(6);
            for (int i = 0; i < 6; i++) {
                got.add(reports.get(LONG));
            }
        }
        go.put(-1);
        assertThat(consumer.join(LONG)).isTrue();
        assertThat(consumer.exitCode()).hasValue(0);
        // what the consumer prefetched and did not get came back to the queue when it ended; the owner gets the rest
        while (got.size() < put) {
            got.add(LargeItems.describe(q.get(LONG)));
        }

        assertThat(got).containsExactlyInAnyOrderElementsOf(expected(put));
        assertThat(q.qsize()).isZero();
        assertThat(Attach.pooledArrayReusesAtOwner(q)).as("large items reused pooled arrays at the owner")
                .isPositive();
        remoteProducer.close();
    }

    @Test
    void largeTasksOfAWorkerKilledHoldingThemComeBackIntactAfterLaterItemsReusedArrays() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        JoinableQueue<byte[]> tasks = f.joinableQueue();
        Queue<String> reports = f.queue();
        for (int i = 0; i < 6; i++) {
            tasks.put(LargeItems.item(i));
        }
        JvmProcess worker = children.start(QueueChildren::takeLargeTasksThenHang, tasks, reports, 3);
        List<String> took = List.of(reports.get(LONG), reports.get(LONG), reports.get(LONG));
        assertThat(took).containsExactlyElementsOf(expected(3));
        // the owner takes in that the worker's gets returned tasks 0-2 (not done): their arrays must stay theirs while
        // later items are put
        assertThat(tasks.qsize()).isEqualTo(3);
        for (int i = 6; i < 16; i++) {
            tasks.put(LargeItems.item(i));
        }
        // and while items the owner got itself give their arrays back to be reused
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(LargeItems.describe(tasks.get(LONG)));
            tasks.taskDone();
            tasks.put(LargeItems.item(16 + i));
        }
        ChildJvms.killNine(worker);
        Await.until(() -> tasks.tasksRequeued() == 3, "the killed worker's 3 tasks requeued");

        while (got.size() < 20) {
            got.add(LargeItems.describe(tasks.get(LONG)));
            tasks.taskDone();
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected(20));
        assertThat(tasks.join(LONG)).isTrue();
        assertThat(Attach.pooledArrayReusesAtOwner(tasks)).as("later items reused pooled arrays at the owner")
                .isPositive();
    }
}
