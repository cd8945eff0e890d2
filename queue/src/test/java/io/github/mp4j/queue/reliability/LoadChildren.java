package io.github.mp4j.queue.reliability;

import io.github.mp4j.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load test's child JVMs: producers and consumers with several threads each on one queue. Each prints one
 * {@code RESULT <count> <sum>} line at the end: how many items it put or got and the sum of their
 * {@link #fingerprint}s, so the parent can check a million items for loss and duplication without a line per item.
 */
final class LoadChildren {
    private LoadChildren() {
    }

    /** A 64-bit mix of an item's key: sums of these over a set detect a lost or repeated item. */
    static long fingerprint(String key) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 32) ^ key.length();
    }

    /**
     * Producer: args[0] queue, args[1] source number, args[2] threads, args[3] items per thread. Thread t puts
     * items {@code t * perThread ..} of the source.
     */
    @SuppressWarnings("unchecked")
    static void produce(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        int source = (Integer) args[1];
        int threads = (Integer) args[2];
        int perThread = (Integer) args[3];
        AtomicLong count = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        run(threads, t -> {
            for (long i = (long) t * perThread, end = i + perThread; i < end; i++) {
                q.put(Items.make(source, i));
                count.incrementAndGet();
                sum.addAndGet(fingerprint(Items.key(source, i)));
            }
        });
        System.out.println("RESULT " + count + " " + sum);
    }

    /**
     * Consumer: args[0] queue, args[1] threads. Each thread gets until {@link ReliabilityChildren#STOP}, checking
     * every item's checksum; a bad item fails the child (exit code 1).
     */
    @SuppressWarnings("unchecked")
    static void consume(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        int threads = (Integer) args[1];
        AtomicLong count = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        run(threads, t -> {
            for (String item = q.get(); !ReliabilityChildren.STOP.equals(item); item = q.get()) {
                sum.addAndGet(fingerprint(Items.verify(item)));
                count.incrementAndGet();
            }
        });
        System.out.println("RESULT " + count + " " + sum);
    }

    /**
     * Blob producer: args[0] queue of byte arrays, args[1] threads, args[2] blobs per thread, args[3] blob size.
     * Thread t puts blobs {@code t * perThread ..} (see {@link #blob}).
     */
    @SuppressWarnings("unchecked")
    static void produceBlobs(Object... args) throws Exception {
        Queue<byte[]> q = (Queue<byte[]>) args[0];
        int perThread = (Integer) args[2];
        int size = (Integer) args[3];
        run((Integer) args[1], t -> {
            for (int i = t * perThread, end = i + perThread; i < end; i++) {
                q.put(blob(i, size));
            }
        });
    }

    /** Blob number {@code seq}: the number in the first 4 bytes, then bytes derived from it and their index. */
    static byte[] blob(int seq, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) (seq >>> 24);
        b[1] = (byte) (seq >>> 16);
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        for (int i = 4; i < size; i++) {
            b[i] = (byte) (i * 31 ^ seq);
        }
        return b;
    }

    /** The number of a blob whose content matches it; an {@link AssertionError} otherwise. */
    static int verifyBlob(byte[] b, int size) {
        int seq = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        if (!java.util.Arrays.equals(b, blob(seq, size))) {
            throw new AssertionError("corrupt blob " + seq + " of " + b.length + " bytes");
        }
        return seq;
    }

    /** A thread's work. */
    @FunctionalInterface
    interface Work {
        void run(int thread) throws Exception;
    }

    private static void run(int threads, Work work) throws Exception {
        List<Thread> all = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    work.run(id);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "load-" + t);
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a load thread failed", failure[0]);
        }
    }
}
