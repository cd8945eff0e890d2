package io.github.mp4j.benchmarks;

import io.github.mp4j.benchmarks.internal.PoolWorkloads;
import io.github.mp4j.benchmarks.internal.PythonBaseline;
import io.github.mp4j.queue.QueueFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pool and start rows of DESIGN §5 beside CPython's {@code py_mp_bench.py fork --pool --start --only-extra}, on
 * one machine in one run (Kryo):
 *
 * <pre>
 * mvn -B -q -pl benchmarks exec:exec -Dbench=PoolSideBySide
 * </pre>
 */
public final class PoolSideBySide {
    private static final int MAP_N = 100_000;
    private static final int SUBMITS = 2_000;
    private static final int START_ROUNDS = 10;

    private PoolSideBySide() {
    }

    /** @param args optional: the path of py_mp_bench.py (an empty argument, as exec:exec passes, means the default) */
    public static void main(String[] args) throws Exception {
        Path script = PythonBaseline.locate(args.length > 0 && !args[0].isBlank() ? args[0].trim() : null,
                PythonBaseline.repoRoot(Path.of("").toAbsolutePath()));
        System.out.println("CPython: " + PythonBaseline.version() + ", " + script);
        Map<String, Double> py = new PythonBaseline(script, "1").runOnce(List.of("--pool", "--start",
                "--only-extra"));
        QueueFactory kryo = QueueFactory.builder().serializer("kryo").build();
        double map = PoolWorkloads.poolMapTasksPerSecond(kryo, MAP_N, 5);
        double rtt = PoolWorkloads.submitRoundTripMicros(kryo, SUBMITS, 5);
        double bare = PoolWorkloads.bareJvmMillis(START_ROUNDS);
        double cold = PoolWorkloads.startMillis(kryo, START_ROUNDS, 0);
        double warm = PoolWorkloads.startMillis(kryo, START_ROUNDS, 1);
        double bare2 = PoolWorkloads.bareJvmMillis(START_ROUNDS); // again: load drifts during the run
        bare = Math.min(bare, bare2);
        System.out.println();
        System.out.printf("%-34s %12s %12s %8s  %s%n", "workload", "mp4j", "CPython", "ratio", "bar");
        row("pool_map_small (task/s)", map, py.get("pool_map_small"), map / py.get("pool_map_small"), ">= 2x");
        row("pool_submit_rtt (us/task)", rtt, py.get("pool_submit_rtt"), rtt / py.get("pool_submit_rtt"),
                "<= 0.25x");
        row("start cold (ms) vs bare JVM", cold, bare, cold / bare, "<= 2x bare JVM");
        row("start warm spare (ms) vs fork", warm, py.get("start_fork_ms"), warm / py.get("start_fork_ms"),
                "<= 1x fork");
        System.out.printf("%-34s %12.1f%n", "bare hello-world JVM (ms)", bare);
        for (String m : List.of("start_spawn_ms", "start_forkserver_ms", "start_fork_ms")) {
            System.out.printf("%-34s %12s %12.1f%n", "CPython " + m, "", py.get(m));
        }
        System.exit(0);
    }

    private static void row(String what, double mp4j, double other, double ratio, String bar) {
        System.out.printf("%-34s %12.1f %12.1f %7.2fx  %s%n", what, mp4j, other, ratio, bar);
    }
}
