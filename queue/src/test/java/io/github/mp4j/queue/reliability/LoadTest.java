package io.github.mp4j.queue.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.queue.QueueFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load (Maven profile {@code reliability}): a million checksummed items through one bounded queue owned by the
 * test JVM, from 4 producer and to 4 consumer processes of 4 threads each; and back-pressure: a fast producer
 * process against a slow consumer keeps the owner's queue at its bound and its heap flat.
 */
@Tag("reliability")
class LoadTest {
    private static final Duration LONG = Duration.ofMinutes(4);
    private final List<JvmProcess> children = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        children.forEach(JvmProcess::close);
    }

    private JvmProcess start(ProcessTarget target, Object... args) {
        JvmProcess p = JvmProcess.builder(target).args(args).redirectOutput(ProcessBuilder.Redirect.PIPE).build();
        children.add(p);
        p.start();
        return p;
    }

    @Test
    @Timeout(300)
    void millionItemsFromFourProducerToFourConsumerProcessesArriveOnceEach() throws Exception {
        int processes = 4;
        int threads = 4;
        int perThread = 1_000_000 / (processes * threads);
        Queue<String> q = QueueFactory.defaults().queue(10_000);
        List<JvmProcess> consumers = new ArrayList<>();
        List<JvmProcess> producers = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            consumers.add(start(LoadChildren::consume, q, threads));
        }
        long started = System.nanoTime();
        for (int i = 0; i < processes; i++) {
            producers.add(start(LoadChildren::produce, q, 10 + i, threads, perThread));
        }
        long[] put = sumResults(producers);
        for (int i = 0; i < processes * threads; i++) {
            q.put(ReliabilityChildren.STOP);
        }
        long[] got = sumResults(consumers);
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);

        long expectedSum = 0;
        for (int source = 10; source < 10 + processes; source++) {
            for (long i = 0; i < (long) threads * perThread; i++) {
                expectedSum += LoadChildren.fingerprint(Items.key(source, i));
            }
        }
        assertThat(put).containsExactly(1_000_000L, expectedSum);
        assertThat(got).as("count and fingerprint sum of what the consumers got").containsExactly(1_000_000L,
                expectedSum);
        assertThat(q.qsize()).isZero();
        System.out.printf("load: 1000000 items, 4x4 producer and 4x4 consumer threads, %d s (~%d items/s),"
                + " 0 lost, 0 duplicated, 0 corrupt%n", seconds, 1_000_000 / seconds);
    }

    @Test
    @Timeout(180)
    void boundedQueueWithASlowConsumerHoldsAFastProducerBackAndTheOwnersHeapStaysFlat() throws Exception {
        int maxsize = 20;
        int size = 256 * 1024;
        int threads = 4;
        int perThread = 300;
        int total = threads * perThread;
        Queue<byte[]> q = QueueFactory.builder().serializer("kryo").build().queue(maxsize);
        long baseline = usedHeapAfterGc();
        JvmProcess producer = start(LoadChildren::produceBlobs, q, threads, perThread, size);
        java.util.BitSet seen = new java.util.BitSet(total);
        int maxQsize = 0;
        long maxGrowth = 0;
        for (int i = 0; i < total; i++) {
            int seq = LoadChildren.verifyBlob(q.get(LONG), size);
            assertThat(seen.get(seq)).as("blob %d delivered twice", seq).isFalse();
            seen.set(seq);
            if (i % 40 == 0) {
                maxQsize = Math.max(maxQsize, q.qsize());
                maxGrowth = Math.max(maxGrowth, usedHeapAfterGc() - baseline);
            }
            Thread.sleep(2);
        }
        assertThat(producer.join(LONG)).isTrue();
        assertThat(producer.exitCode()).hasValue(0);
        assertThat(seen.cardinality()).isEqualTo(total);
        assertThat(maxQsize).as("items held by the owner").isLessThanOrEqualTo(maxsize);
        // 300 MiB went through; without back-pressure the owner would have buffered most of it.
        long bound = 64L * 1024 * 1024 + 4L * maxsize * size;
        assertThat(maxGrowth).as("owner heap growth while %d MiB passed", (long) total * size >> 20)
                .isLessThan(bound);
        System.out.printf("back-pressure: %d MiB through a queue of %d x 256 KiB, max qsize %d, max owner heap"
                + " growth %d MiB%n", (long) total * size >> 20, maxsize, maxQsize, maxGrowth >> 20);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Waits for each child to exit with 0 and adds up their {@code RESULT count sum} lines. */
    private static long[] sumResults(List<JvmProcess> ps) throws Exception {
        long count = 0;
        long sum = 0;
        for (JvmProcess p : ps) {
            String result = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                }
            }
            assertThat(p.join(LONG)).isTrue();
            assertThat(p.exitCode()).as("exit code of %s", p).hasValue(0);
            assertThat(result).as("result line of %s", p).isNotNull();
            String[] parts = result.split(" ");
            count += Long.parseLong(parts[1]);
            sum += Long.parseLong(parts[2]);
        }
        return new long[] {count, sum};
    }
}
