package io.github.mp4j.examples.loganalyzer;

import io.github.mp4j.pool.JvmPool;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A real application in three versions with the same parser and the same printed aggregates: it analyzes a
 * seeded, generated web server access log (by default 2M lines, about 240 MB, written once to the temp directory):
 * requests per status, response bytes per path, requests per minute.
 *
 * <ul>
 *   <li><b>single-threaded Java</b> ({@link SingleThreadedAnalyzer}): reads blocks and parses them;
 *   <li><b>mp4j</b> ({@link Mp4jAnalyzer}): 2 worker JVMs take 1 MiB blocks cut at newlines from a bounded queue
 *       and parse them; the parent merges. Twice: with each block's bytes in the queue ({@link Chunks#BYTES}), and
 *       with only its file range in the queue ({@link Chunks#RANGES}, the workers read the file);
 *   <li><b>CPython</b> ({@link PythonAnalyzer}, {@code log_analyzer.py}): the same program with
 *       {@code multiprocessing} and 2 workers, in the same two modes, when {@code python3} is installed;
 *   <li><b>pools</b>: {@link PoolAnalyzer} ({@code JvmPool.imapUnordered} over the file ranges) and CPython's
 *       {@code Pool.imap_unordered}, each pool's 2 workers started before timing.
 * </ul>
 * Each time runs from the first block read to the merged aggregates; the workers of the parallel versions are
 * started and attached before (the steady regime of long-lived workers), and every Java version runs
 * {@link #WARM_UP_RUNS} times untimed first. Run with {@code mvn -B -q -pl examples exec:exec -Ddemo=loganalyzer.LogAnalyzer} (optional argument: the
 * line count). It prints the times, the ratios, and the report once; it exits with 1 if the versions disagree.
 */
public final class LogAnalyzer {
    /** Lines of the default log. */
    public static final int DEFAULT_LINES = 2_000_000;
    /** Bytes per block the parent reads and hands on. */
    static final int BLOCK = 1 << 20;
    /** Worker processes of the parallel versions. */
    public static final int WORKERS = 2;
    /**
     * Untimed runs of every Java version before the timed ones. 4: one JVM parsing the 2M-line log took 1.5-1.8 s
     * on each of its first two runs and 0.32-0.38 s from the third on (HotSpot compiles the parser only after some
     * 4M lines), so after one untimed run the workers' timed runs still ran the parser half-compiled; a worker parses
     * half the log per run, hence 4.
     */
    public static final int WARM_UP_RUNS = 4;

    private LogAnalyzer() {
    }

    /** One version's time (seconds) and printed report. */
    public record Result(double seconds, String report) {
    }

    /**
     * Every version's result: the mp4j and CPython ones once per {@link Chunks} mode and once as a pool
     * ({@link PoolAnalyzer}, CPython's {@code Pool.imap_unordered}), the CPython ones null when python3 is absent.
     */
    public record Comparison(Result single, Result mp4jBytes, Result mp4jRanges, Result mp4jPool, Result pythonBytes,
            Result pythonRanges, Result pythonPool) {
        /** Whether every version that ran printed the same report. */
        public boolean identical() {
            return Stream.of(mp4jBytes, mp4jRanges, mp4jPool, pythonBytes, pythonRanges, pythonPool)
                    .allMatch(r -> r == null || r.report().equals(single.report()));
        }

        /** The times and ratios, one line each. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "single-threaded Java: %.3f s%n", single.seconds()));
            line(b, "blocks' bytes through the queue", mp4jBytes, pythonBytes);
            line(b, "file ranges through the queue", mp4jRanges, pythonRanges);
            line(b, "pool over file ranges", mp4jPool, pythonPool);
            b.append("aggregates identical: ").append(identical() ? "yes" : "NO").append('\n');
            return b.toString();
        }

        private void line(StringBuilder b, String how, Result mp4j, Result python) {
            b.append(String.format(Locale.ROOT, "mp4j, %d worker JVMs, %s: %.3f s (%.2fx single-threaded", WORKERS,
                    how, mp4j.seconds(), single.seconds() / mp4j.seconds()));
            if (python == null) {
                b.append("; CPython not run)\n");
            } else {
                b.append(String.format(Locale.ROOT, "; CPython %.3f s, mp4j %.2fx faster)%n", python.seconds(),
                        python.seconds() / mp4j.seconds()));
            }
        }
    }

    /**
     * Generates (once) a log of {@code args[0]} lines (default {@value #DEFAULT_LINES}), runs the three versions and
     * prints their times, ratios and the report; exits with 1 if the reports differ.
     */
    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_LINES;
        Path log = generated(lines);
        Comparison c = compare(log, QueueFactory.defaults(), System.out, true, WARM_UP_RUNS, 1);
        System.out.print(c.summary());
        System.out.print(c.single().report());
        if (!c.identical()) {
            System.out.println("mp4j report (bytes):\n" + c.mp4jBytes().report());
            System.out.println("mp4j report (ranges):\n" + c.mp4jRanges().report());
            System.out.println("mp4j report (pool):\n" + c.mp4jPool().report());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * The log of {@code lines} lines of {@link AccessLog#SEED} in the temp directory, written when it is not there
     * yet (the name carries seed and line count).
     */
    public static Path generated(int lines) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "mp4j-access-" + AccessLog.SEED + "-" + lines
                + ".log");
        if (!Files.isRegularFile(file)) {
            Path tmp = Files.createTempFile(file.getParent(), "mp4j-access-", ".part");
            AccessLog.write(tmp, lines, AccessLog.SEED);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }

    /**
     * Runs every version on {@code log}, the mp4j ones on 2 workers with queues of {@code mp} (started once, before
     * any timing: the steady regime of long-lived workers), the CPython ones when {@code python} is set and
     * {@code python3} is found. Each Java version first runs {@code warmUpRuns} times untimed, so the timed runs
     * of both the single-threaded version and the workers use compiled code ({@link #WARM_UP_RUNS} does that). Each timed result is the median of
     * {@code repeats} runs; {@code progress} gets a line per run.
     */
    public static Comparison compare(Path log, QueueFactory mp, PrintStream progress, boolean python, int warmUpRuns,
            int repeats) throws Exception {
        boolean py = python && PythonAnalyzer.available();
        try (Mp4jAnalyzer a = Mp4jAnalyzer.start(mp, WORKERS); JvmPool pool = JvmPool.of(mp, WORKERS)) {
            for (int w = 0; w < warmUpRuns; w++) {
                SingleThreadedAnalyzer.analyze(log);
                a.analyze(log, Chunks.BYTES);
                a.analyze(log, Chunks.RANGES);
                PoolAnalyzer.analyze(pool, log);
            }
            progress.println("  warm-up done (every Java version ran " + warmUpRuns + " time(s))");
            List<Result> single = new ArrayList<>();
            List<Result> bytes = new ArrayList<>();
            List<Result> ranges = new ArrayList<>();
            List<Result> pyBytes = new ArrayList<>();
            List<Result> pyRanges = new ArrayList<>();
            List<Result> pooled = new ArrayList<>();
            List<Result> pyPool = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                single.add(timed(progress, "single-threaded Java", () -> SingleThreadedAnalyzer.analyze(log)));
                bytes.add(timed(progress, "mp4j bytes", () -> a.analyze(log, Chunks.BYTES)));
                ranges.add(timed(progress, "mp4j ranges", () -> a.analyze(log, Chunks.RANGES)));
                pooled.add(timed(progress, "mp4j pool", () -> PoolAnalyzer.analyze(pool, log)));
                if (py) {
                    for (List<Result> into : List.of(pyBytes, pyRanges, pyPool)) {
                        String mode = into == pyBytes ? "bytes" : into == pyRanges ? "ranges" : "pool";
                        Result p = PythonAnalyzer.analyze(log, WORKERS, mode);
                        progress.printf(Locale.ROOT, "  CPython %s %.3f s%n", mode, p.seconds());
                        into.add(p);
                    }
                }
            }
            return new Comparison(median(single), median(bytes), median(ranges), median(pooled), median(pyBytes),
                    median(pyRanges), median(pyPool));
        }
    }

    private interface Analysis {
        LogStats run() throws Exception;
    }

    private static Result timed(PrintStream progress, String name, Analysis analysis) throws Exception {
        long t = System.nanoTime();
        LogStats stats = analysis.run();
        Result r = new Result(seconds(t), stats.report());
        progress.printf(Locale.ROOT, "  %s %.3f s%n", name, r.seconds());
        return r;
    }

    /** The result of median time (the upper one of an even count), or null for none. */
    private static Result median(List<Result> results) {
        if (results.isEmpty()) {
            return null;
        }
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Result::seconds));
        Result m = sorted.get(sorted.size() / 2);
        boolean same = results.stream().allMatch(r -> r.report().equals(m.report()));
        return same ? m : new Result(m.seconds(), m.report() + "(runs disagreed)\n");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
