package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's claim/fence protocol: a claim counts one more returned item unless the owner fenced the page, a fence
 * takes back everything not yet claimed unless a claim got there first, and only the UNFENCE clears it. Two threads
 * play owner and consumer through two mappings of one file, racing claims against fences.
 */
@Timeout(60)
class SessionPageFenceTest {
    /** What the simulated owner sends after a fence; item ids are non-negative. */
    private static final int UNFENCE = -1;
    private static final int END = -2;

    @TempDir
    Path dir;

    @Test
    void claimAddsOneFromTheCountAndFailsWhileFencedUntilUnfenced() throws Exception {
        Path path = dir.resolve("q1.s1");
        SessionPage owner = SessionPage.create(path);
        SessionPage process = SessionPage.attach(path);

        assertThat(process.claim(0)).isTrue();
        assertThat(process.claim(1)).isTrue();
        assertThat(owner.returned()).isEqualTo(2);
        assertThat(owner.fence(2)).as("fence at the count the owner read").isTrue();
        assertThat(process.fenced()).isTrue();
        assertThat(owner.returned()).as("the count without the flag").isEqualTo(2);
        assertThat(owner.returnedWord()).isEqualTo(2 | SessionPage.FENCED);
        assertThat(process.claim(2)).as("claim after the fence").isFalse();
        assertThat(owner.returned()).isEqualTo(2);
        assertThat(owner.fence(2)).as("fencing a fenced page").isFalse();

        assertThat(process.unfence(2)).isTrue();
        assertThat(owner.fenced()).isFalse();
        assertThat(process.unfence(2)).as("unfencing an unfenced page").isFalse();
        assertThat(process.claim(2)).isTrue();
        assertThat(owner.returned()).isEqualTo(3);
    }

    @Test
    void fenceAtAStaleCountLosesToTheClaimThatMovedIt() throws Exception {
        Path path = dir.resolve("q1.s2");
        SessionPage owner = SessionPage.create(path);
        SessionPage process = SessionPage.attach(path);
        long read = owner.returned();
        assertThat(process.claim(read)).isTrue();

        assertThat(owner.fence(read)).isFalse();
        assertThat(owner.fenced()).isFalse();
        assertThat(owner.returnedWord()).isEqualTo(1);
        assertThat(process.claim(1)).isTrue();
    }

    @Test
    void racingClaimsAndFencesGiveEveryItemToExactlyOneSide() throws Exception {
        Path path = dir.resolve("q1.s3");
        SessionPage ownerPage = SessionPage.create(path);
        SessionPage processPage = SessionPage.attach(path);
        BlockingQueue<Integer> wire = new LinkedBlockingQueue<>();
        CompletableFuture<Consumer> consumer = CompletableFuture.supplyAsync(() -> new Consumer(processPage, wire)
                .run());

        Owner owner = new Owner(ownerPage, wire);
        owner.run(3000, 8);
        Consumer done = consumer.get(50, TimeUnit.SECONDS);
        owner.sync();

        assertThat(owner.inFlight).as("items neither claimed nor taken back").isEmpty();
        assertThat(done.claimed).as("what the consumer returned, as the owner counted it").isEqualTo(owner.claimed);
        Set<Integer> both = new HashSet<>(owner.claimed);
        both.retainAll(owner.revoked);
        assertThat(both).as("items both returned and taken back").isEmpty();
        assertThat(owner.claimed.size() + owner.revoked.size()).isEqualTo(owner.sent);
        assertThat(owner.fencesWon).as("fences that took items back").isPositive();
        assertThat(done.unfences).isEqualTo(owner.fencesWon);
        System.out.printf("claim/fence race: %d items, %d claimed, %d taken back by %d fences (%d lost to a claim),"
                + " %d claims refused%n", owner.sent, owner.claimed.size(), owner.revoked.size(), owner.fencesWon,
                owner.fencesLost, done.refused);
    }

    /** The owner's side: sends numbered items, takes in the count, fences after each batch. */
    private static final class Owner {
        final SessionPage page;
        final BlockingQueue<Integer> wire;
        final ArrayDeque<Integer> inFlight = new ArrayDeque<>();
        final List<Integer> claimed = new ArrayList<>();
        final List<Integer> revoked = new ArrayList<>();
        long seen;
        int sent;
        int fencesWon;
        int fencesLost;

        Owner(SessionPage page, BlockingQueue<Integer> wire) {
            this.page = page;
            this.wire = wire;
        }

        void run(int batches, int batchSize) throws InterruptedException {
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < batchSize; i++) {
                    inFlight.addLast(sent);
                    wire.put(sent++);
                }
                Thread.onSpinWait();
                sync();
                if (inFlight.isEmpty()) {
                    continue;
                }
                if (!page.fence(seen)) {
                    fencesLost++;
                    continue;
                }
                fencesWon++;
                revoked.addAll(inFlight);
                inFlight.clear();
                wire.put(UNFENCE);
                // As the real owner holds the consumer's credits: nothing more goes out until the fence is cleared.
                while (page.fenced()) {
                    Thread.onSpinWait();
                }
            }
            wire.put(END);
        }

        void sync() {
            long returned = page.returned();
            assertThat(returned - seen).as("claims beyond the items in flight").isBetween(0L, (long) inFlight.size());
            for (; seen < returned; seen++) {
                claimed.add(inFlight.pollFirst());
            }
        }
    }

    /** The consumer's side, as {@link io.github.mp4j.queue.internal.remote.RemoteQueue} does it: claim each item, drop the buffer when refused. */
    private static final class Consumer {
        final SessionPage page;
        final BlockingQueue<Integer> wire;
        final ArrayDeque<Integer> buffer = new ArrayDeque<>();
        final List<Integer> claimed = new ArrayList<>();
        long count;
        boolean fenced;
        int unfences;
        int refused;

        Consumer(SessionPage page, BlockingQueue<Integer> wire) {
            this.page = page;
            this.wire = wire;
        }

        Consumer run() {
            try {
                for (int m = wire.take(); m != END; m = wire.take()) {
                    if (m == UNFENCE) {
                        assertThat(page.unfence(count)).as("UNFENCE finds the page fenced at %d", count).isTrue();
                        buffer.clear();
                        fenced = false;
                        unfences++;
                    } else if (!fenced) {
                        buffer.addLast(m);
                    }
                    claimBuffered();
                }
                return this;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        private void claimBuffered() {
            while (!buffer.isEmpty()) {
                for (int spin = ThreadLocalRandom.current().nextInt(200); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                int item = buffer.pollFirst();
                if (page.claim(count)) {
                    count++;
                    claimed.add(item);
                } else {
                    assertThat(page.fenced()).as("a refused claim finds the page fenced").isTrue();
                    refused++;
                    buffer.clear();
                    fenced = true;
                }
            }
        }
    }
}
