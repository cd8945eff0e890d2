package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.Queue;
import io.github.mp4j.pool.JvmPool;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The mp4j side of {@code py_mp_bench.py --pool --start}: {@code pool_map_small} (a 2-worker {@link JvmPool} map of
 * x*x over 100k ints, default chunk size, steady: the pool ran the map once before the timed pass),
 * {@code pool_submit_rtt} (submit-and-wait in a row, us per task), and child start to first message on a queue:
 * cold, from a warm spare, and a bare hello-world JVM on the same class path.
 */
public final class PoolWorkloads {
    private PoolWorkloads() {
    }

    /**
     * Untimed maps before the timed ones. 20: after 1, the best of 5 timed maps of 100k ints was 3.1M tasks/s with
     * the workers' and the parent's decode paths still being compiled; after 30, 6.1M (a 2-core machine under load).
     * A long-lived pool, which this row stands for, runs compiled code.
     */
    static final int WARM_MAPS = 20;

    /**
     * Tasks per second of {@code pool.map(x -> x * x, 0..n-1)} on 2 workers, best of {@code repeats} after
     * {@link #WARM_MAPS} untimed maps.
     */
    public static double poolMapTasksPerSecond(QueueFactory f, int n, int repeats) throws InterruptedException {
        List<Integer> input = IntStream.range(0, n).boxed().collect(Collectors.toList());
        try (JvmPool pool = JvmPool.of(f, 2)) {
            for (int i = 0; i < WARM_MAPS; i++) {
                pool.map((Integer x) -> x * x, input); // warm-up: workers started and JIT-compiled
            }
            double best = 0;
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                List<Integer> out = pool.map((Integer x) -> x * x, input);
                best = Math.max(best, n / Stats.secondsSince(t));
                if (out.size() != n) {
                    throw new IllegalStateException("map returned " + out.size() + " results for " + n);
                }
            }
            return best;
        }
    }

    /** Microseconds per {@code pool.submit(task).get()} in a row on 2 workers, median of {@code repeats}. */
    public static double submitRoundTripMicros(QueueFactory f, int m, int repeats) throws Exception {
        try (JvmPool pool = JvmPool.of(f, 2)) {
            for (int i = 0; i < m; i++) {
                pool.submit(() -> 1).get(); // warm-up
            }
            List<Double> micros = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long t = System.nanoTime();
                for (int i = 0; i < m; i++) {
                    int x = i;
                    pool.submit(() -> x + 1).get();
                }
                micros.add(Stats.secondsSince(t) * 1e6 / m);
            }
            return Stats.median(micros);
        }
    }

    /** Milliseconds from {@code start()} to the child's first message on a queue, median of {@code rounds}. */
    public static double startMillis(QueueFactory f, int rounds, int warmSpares) throws Exception {
        List<Double> millis = new ArrayList<>();
        JvmProcess.Builder builder = JvmProcess.builder(Children::hello).warmSpares(warmSpares)
                .daemon(true);
        for (int i = 0; i < rounds + 1; i++) {
            awaitSpares(builder.prestartSpares(), warmSpares);
            Queue<String> q = f.queue();
            try {
                long t = System.nanoTime();
                JvmProcess child = builder.args(q).build();
                child.start();
                q.get();
                if (i > 0) {
                    millis.add(Stats.secondsSince(t) * 1e3);
                }
                child.join(Duration.ofSeconds(60));
            } finally {
                q.close();
            }
        }
        return Stats.median(millis);
    }

    /** Milliseconds from starting {@code java -cp <this class path> BareHello} to its first line, median. */
    public static double bareJvmMillis(int rounds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < rounds + 1; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BareHello.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                r.readLine();
                if (i > 0) {
                    millis.add(Stats.secondsSince(t) * 1e3);
                }
            }
            p.waitFor();
        }
        return Stats.median(millis);
    }

    private static void awaitSpares(JvmProcess.Builder builder, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (builder.idleSpares() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(10); // a spare must be up before the timed start, as CPython's forkserver is
        }
        if (wanted > 0) {
            Thread.sleep(300); // and past its JVM start, idle in ChildMain
        }
    }

    /** The bare JVM of the baseline: prints one line. */
    public static final class BareHello {
        private BareHello() {
        }

        /** @param args ignored */
        public static void main(String[] args) {
            System.out.println("hello" + File.separator);
        }
    }
}
