package io.github.mp4j.benchmarks;

import io.github.mp4j.benchmarks.internal.BenchOptions;
import io.github.mp4j.benchmarks.internal.Harness;

/**
 * Runs the workloads of CPython's {@code py_mp_bench.py} with mp4j (per serializer) and the script itself, in
 * one go on one machine, and prints one table of medians with the ratios DESIGN §5 sets bars for.
 *
 * <pre>
 * mvn -B -q -pl benchmarks exec:exec -Dbench=SideBySide -Dbench.args="--scale 1 --repeats 3"
 * </pre>
 * See {@link BenchOptions#USAGE} for the arguments.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** Runs the comparison and prints progress, then the report; exits 2 on a bad argument. */
    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        String report = new Harness(options, System.out).run();
        System.out.println();
        System.out.println(report);
        System.exit(0);
    }
}
