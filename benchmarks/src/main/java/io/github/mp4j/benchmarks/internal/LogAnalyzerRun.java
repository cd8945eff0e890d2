package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.examples.loganalyzer.LogAnalyzer;
import io.github.mp4j.examples.loganalyzer.LogAnalyzer.Comparison;
import io.github.mp4j.examples.loganalyzer.LogAnalyzer.Result;
import io.github.mp4j.queue.QueueFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The LogAnalyzer application in the side-by-side run: a generated access log of 2M lines (times {@code --scale},
 * at least 1,000), analyzed per repetition by the single-threaded Java, mp4j (2 worker JVMs) and CPython (2
 * {@code multiprocessing} workers) versions; prints the median times, the ratios against the issue 14 bars (mp4j
 * >= 1.2x single-threaded Java, >= 2.5x CPython) and whether every run printed identical aggregates.
 */
final class LogAnalyzerRun {
    private static final double SINGLE_BAR = 1.2;
    private static final double CPYTHON_BAR = 2.5;

    private final BenchOptions o;
    private final PrintStream log;

    LogAnalyzerRun(BenchOptions o, PrintStream log) {
        this.o = o;
        this.log = log;
    }

    /** Runs the repetitions and returns the section of the report. */
    String run(QueueFactory mp) throws java.io.IOException {
        int lines = Math.max(1000, (int) (LogAnalyzer.DEFAULT_LINES * o.scale));
        Path file = LogAnalyzer.generated(lines);
        log.println("LogAnalyzer: " + lines + " lines, " + o.repeats + " repetitions after a warm-up");
        Comparison c;
        try {
            c = LogAnalyzer.compare(file, mp, log, o.python, LogAnalyzer.WARM_UP_RUNS, o.repeats);
        } catch (Exception e) {
            throw new IllegalStateException("LogAnalyzer failed: " + e, e);
        }
        double s = c.single().seconds();
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "### LogAnalyzer: %,d log lines (%.0f MB), medians of %d, workers started and every Java version "
                        + "run %d times before timing%n%n", lines, file.toFile().length() / 1e6, o.repeats,
                LogAnalyzer.WARM_UP_RUNS));
        t.append("| version | seconds | mp4j vs single-threaded (bar >= ").append(SINGLE_BAR)
                .append("x) | mp4j vs CPython, same mode (bar >= ").append(CPYTHON_BAR).append("x) |\n")
                .append("|---|---:|---|---|\n");
        t.append(String.format(Locale.ROOT, "| single-threaded Java | %.3f | | |%n", s));
        row(t, "blocks' bytes through the queue", c.mp4jBytes(), c.pythonBytes(), s);
        row(t, "file ranges through the queue", c.mp4jRanges(), c.pythonRanges(), s);
        row(t, "pool over file ranges", c.mp4jPool(), c.pythonPool(), s);
        t.append("\naggregates identical in every run: ").append(c.identical() ? "yes" : "NO").append('\n');
        return t.toString();
    }

    private static void row(StringBuilder t, String how, Result mp4j, Result python, double single) {
        double m = mp4j.seconds();
        t.append(String.format(Locale.ROOT, "| mp4j, 2 worker JVMs, %s | %.3f | %.2fx %s | ", how, m, single / m,
                single / m >= SINGLE_BAR ? "PASS" : "FAIL"));
        if (python == null) {
            t.append("CPython not run |\n");
        } else {
            t.append(String.format(Locale.ROOT, "%.2fx %s |%n", python.seconds() / m,
                    python.seconds() / m >= CPYTHON_BAR ? "PASS" : "FAIL"));
            t.append(String.format(Locale.ROOT, "| CPython multiprocessing, 2 workers, %s | %.3f | | |%n", how,
                    python.seconds()));
        }
    }
}
