package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** The two figures beside the table: owner memory per waiting item, and child start-to-first-message latency. */
public final class Extras {
    private static final int GC_ROUNDS = 3;

    private Extras() {
    }

    /**
     * Heap used (after full GCs) by the owner of a queue holding {@code count} waiting items, minus the heap used
     * before the queue was made; in bytes.
     */
    public static long ownerHeapBytes(QueueFactory f, IntFunction<Object> item, int count)
            throws InterruptedException {
        long before = usedAfterGc();
        Queue<Object> q = f.queue();
        try {
            for (int i = 0; i < count; i++) {
                q.put(item.apply(i));
            }
            long after = usedAfterGc();
            if (q.qsize() != count) {
                throw new IllegalStateException("queue holds " + q.qsize() + " items, expected " + count);
            }
            return after - before;
        } finally {
            q.close();
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    /**
     * Milliseconds from {@link JvmProcess#start()} to the first message received from the child, once per round:
     * over a queue the parent owns ({@code pipe=false}) or a pipe end handed to the child.
     */
    public static List<Double> startToFirstMessageMillis(QueueFactory f, Spawner spawner, int rounds, boolean pipe)
            throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (pipe) {
                try (Pipe p = f.pipe(false)) {
                    Connection r = p.first();
                    long t = System.nanoTime();
                    JvmProcess child = spawner.start("hello-pipe", Children::helloPipe, p.second());
                    r.recv();
                    millis.add(Stats.secondsSince(t) * 1e3);
                    Spawner.joinAll(List.of(child));
                }
            } else {
                Queue<String> q = f.queue();
                try {
                    long t = System.nanoTime();
                    JvmProcess child = spawner.start("hello-queue", Children::hello, q);
                    q.get();
                    millis.add(Stats.secondsSince(t) * 1e3);
                    Spawner.joinAll(List.of(child));
                } finally {
                    q.close();
                }
            }
        }
        return millis;
    }
}
