package io.github.mp4j.examples.loganalyzer;

import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A real application in three versions with the same parser and the same printed aggregates: it analyzes a
 * seeded, generated web server access log (by default 2M lines, about 240 MB, written once to the temp directory):
 * requests per status, response bytes per path, requests per minute.
 *
 * <ul>
 *   <li><b>single-threaded Java</b> ({@link SingleThreadedAnalyzer}): reads blocks and parses them;
 *   <li><b>mp4j</b> ({@link Mp4jAnalyzer}): 2 worker JVMs take raw 1 MiB blocks cut at newlines from a bounded
 *       queue, split and parse them; the parent only reads and merges;
 *   <li><b>CPython</b> ({@link PythonAnalyzer}, {@code log_analyzer.py}): the same program with
 *       {@code multiprocessing} and 2 workers, when {@code python3} is installed.
 * </ul>
 * Each time runs from the first block read to the merged aggregates; the workers of the parallel versions are
 * started and attached before (the steady regime of long-lived workers). Run with
 * {@code mvn -B -q -pl examples exec:exec -Ddemo=loganalyzer.LogAnalyzer} (optional argument: the line count). It
 * prints the three times, the ratios, and the report once; it exits with 1 if the versions disagree.
 */
public final class LogAnalyzer {
    /** Lines of the default log. */
    public static final int DEFAULT_LINES = 2_000_000;
    /** Bytes per block the parent reads and hands on. */
    static final int BLOCK = 1 << 20;
    /** Worker processes of the parallel versions. */
    public static final int WORKERS = 2;

    private LogAnalyzer() {
    }

    /** One version's time (seconds) and printed report. */
    public record Result(double seconds, String report) {
    }

    /** The three versions' results; {@code python} is null when python3 is absent. */
    public record Comparison(Result single, Result mp4j, Result python) {
        /** Whether every version that ran printed the same report. */
        public boolean identical() {
            return single.report().equals(mp4j.report()) && (python == null
                    || single.report().equals(python.report()));
        }

        /** The times and ratios, one line each. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "single-threaded Java: %.3f s%n", single.seconds()));
            b.append(String.format(Locale.ROOT, "mp4j, %d worker JVMs: %.3f s (%.2fx single-threaded)%n", WORKERS,
                    mp4j.seconds(), single.seconds() / mp4j.seconds()));
            if (python == null) {
                b.append("CPython multiprocessing: not run (python3 not found)\n");
            } else {
                b.append(String.format(Locale.ROOT, "CPython multiprocessing, %d workers: %.3f s (mp4j %.2fx "
                        + "faster)%n", WORKERS, python.seconds(), python.seconds() / mp4j.seconds()));
            }
            b.append("aggregates identical: ").append(identical() ? "yes" : "NO").append('\n');
            return b.toString();
        }
    }

    /**
     * Generates (once) a log of {@code args[0]} lines (default {@value #DEFAULT_LINES}), runs the three versions and
     * prints their times, ratios and the report; exits with 1 if the reports differ.
     */
    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_LINES;
        Path log = generated(lines);
        Comparison c = compare(log, QueueFactory.defaults(), System.out, true);
        System.out.print(c.summary());
        System.out.print(c.single().report());
        if (!c.identical()) {
            System.out.println("mp4j report:\n" + c.mp4j().report());
            if (c.python() != null) {
                System.out.println("CPython report:\n" + c.python().report());
            }
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
     * Runs the three versions on {@code log}, the mp4j one with queues of {@code mp}, the CPython one when
     * {@code python} is set and {@code python3} is found; {@code progress} gets a line per version.
     */
    public static Comparison compare(Path log, QueueFactory mp, PrintStream progress, boolean python)
            throws Exception {
        long t = System.nanoTime();
        LogStats single = SingleThreadedAnalyzer.analyze(log);
        Result s = new Result(seconds(t), single.report());
        progress.printf(Locale.ROOT, "  single-threaded Java %.3f s%n", s.seconds());
        Result m;
        try (Mp4jAnalyzer a = Mp4jAnalyzer.start(mp, WORKERS)) {
            t = System.nanoTime();
            LogStats stats = a.analyze(log);
            m = new Result(seconds(t), stats.report());
        }
        progress.printf(Locale.ROOT, "  mp4j %.3f s%n", m.seconds());
        Result py = null;
        if (python && PythonAnalyzer.available()) {
            py = PythonAnalyzer.analyze(log, WORKERS);
            progress.printf(Locale.ROOT, "  CPython %.3f s%n", py.seconds());
        }
        return new Comparison(s, m, py);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
