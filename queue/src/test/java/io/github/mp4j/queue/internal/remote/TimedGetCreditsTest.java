package io.github.mp4j.queue.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.Attach;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A remote consumer whose gets time out very soon (each one a credit, then a cancel the owner answers) keeps an exact
 * count of its credits at the owner, however items and cancel answers interleave. Items the owner sent before it read
 * the cancel arrive while the consumer waits for that answer; they must come off the count then, or the consumer
 * believes credits are at the owner that are not and never asks for the items still queued (the bug this guards: a
 * compound assignment {@code outstanding -= awaitReply(...)} read the count before the wait and undid those items).
 */
@Timeout(120)
class TimedGetCreditsTest {
    private static final int ITEMS = 3_000;
    /** The most time a get may go without an item while items wait in the queue: far beyond any scheduling hiccup. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void aConsumerOfVeryShortTimedGetsReceivesEveryItemPutInBursts() throws Exception {
        QueueFactory f = QueueFactory.builder().serializer("kryo").build();
        Queue<Integer> owned = f.queue();
        Queue<Integer> remote = Attach.remote(owned);
        Thread producer = new Thread(() -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < ITEMS; i++) {
                try {
                    owned.put(i);
                } catch (InterruptedException e) {
                    return; // the test ended
                }
                if (r.nextInt(40) == 0) {
                    // bursts and gaps: the consumer's prefetch window grows, then its gets time out and cancel many
                    // credits while the next burst is being sent
                    LockSupport.parkNanos(r.nextLong(3_000_000));
                }
                if (i % 300 == 299) {
                    // a pause past PrefetchWindow.HOT_GAP_NANOS shrinks the window to 1: a count that drifted up by
                    // even one credit then stops the consumer asking, and the next item is never got
                    LockSupport.parkNanos(PrefetchWindow.HOT_GAP_NANOS * 3 / 2);
                }
            }
        }, "producer");
        producer.start();
        List<Integer> got = new ArrayList<>(ITEMS);
        long lastItem = System.nanoTime();
        try {
            while (got.size() < ITEMS) {
                try {
                    got.add(remote.get(Duration.ofNanos(ThreadLocalRandom.current().nextLong(50_000, 1_000_000))));
                    lastItem = System.nanoTime();
                } catch (QueueEmptyException e) {
                    if (System.nanoTime() - lastItem > STALL_NANOS) {
                        throw new AssertionError("the consumer got no item for 10 s after " + got.size() + " of "
                                + ITEMS + " while the owner holds " + owned.qsize() + " and " + Attach
                                .waitingAtOwner(owned) + " credits wait there: its credit count drifted", e);
                    }
                }
            }
        } finally {
            producer.join();
            remote.close();
            owned.close();
        }
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, ITEMS).boxed().toList());
    }
}
