package io.github.mp4j.examples;

import io.github.mp4j.pool.JvmPool;
import io.github.mp4j.pool.RemoteTaskException;
import io.github.mp4j.queue.QueueFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Python's {@code Pool.map} with a progress bar, in worker JVMs:
 *
 * <pre>{@code
 * with Pool(2) as pool:                                     try (JvmPool pool = JvmPool.of(mp, 2)) {
 *     counts = pool.map(primes_below, range(1, 401),            List<Integer> counts = pool.map(
 *                       chunksize=10)                                PoolDemo::primesBelow, numbers, 10, bar);
 * }</pre>
 *
 * <p>The bar is drawn from the pool's progress listener (done/total after each chunk). Then a task that throws:
 * its exception comes back to the parent with the worker's stack trace and name. Run with
 * {@code mvn -B -q -pl examples exec:exec -Ddemo=PoolDemo}.
 */
public final class PoolDemo {
    private static final int WIDTH = 40;

    private PoolDemo() {
    }

    /** The number of primes below {@code 100 * n}, counted the slow way: a task worth sending to a worker. */
    static int primesBelow(int n) {
        int limit = 100 * n;
        int count = 0;
        for (int i = 2; i < limit; i++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= i && prime; d++) {
                prime = i % d != 0;
            }
            count += prime ? 1 : 0;
        }
        return count;
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        QueueFactory mp = QueueFactory.defaults();
        List<Integer> numbers = IntStream.rangeClosed(1, 400).boxed().collect(Collectors.toList());
        try (JvmPool pool = JvmPool.of(mp, 2)) {
            List<Integer> counts = pool.map(PoolDemo::primesBelow, numbers, 10, PoolDemo::drawBar);
            System.out.println();
            System.out.println("primes below 100: " + counts.get(0) + ", below 40000: " + counts.get(399));
            try {
                pool.apply(() -> Integer.parseInt("forty-two"));
            } catch (RemoteTaskException e) {
                System.out.println("re-raised in the parent: " + e.getMessage());
                System.out.println("    remote stack top: " + e.getStackTrace()[0]);
            }
        }
    }

    private static void drawBar(long done, long total) {
        int filled = (int) (WIDTH * done / total);
        System.out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        System.out.flush();
    }
}
