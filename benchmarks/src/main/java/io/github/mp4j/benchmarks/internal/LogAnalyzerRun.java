package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.examples.loganalyzer.LogAnalyzer;
import io.github.mp4j.examples.loganalyzer.LogAnalyzer.Comparison;
import io.github.mp4j.queue.QueueFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<Double> single = new ArrayList<>();
        List<Double> mp4j = new ArrayList<>();
        List<Double> python = new ArrayList<>();
        boolean identical = true;
        for (int r = 0; r < o.repeats; r++) {
            log.println("LogAnalyzer repetition " + (r + 1) + "/" + o.repeats + ", " + lines + " lines");
            Comparison c;
            try {
                c = LogAnalyzer.compare(file, mp, log, o.python);
            } catch (Exception e) {
                throw new IllegalStateException("LogAnalyzer failed: " + e, e);
            }
            single.add(c.single().seconds());
            mp4j.add(c.mp4j().seconds());
            if (c.python() != null) {
                python.add(c.python().seconds());
            }
            identical &= c.identical();
        }
        double s = Stats.median(single);
        double m = Stats.median(mp4j);
        double p = Stats.median(python);
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "### LogAnalyzer: %,d log lines (%s), medians of %d%n%n", lines,
                String.format(Locale.ROOT, "%.0f MB", file.toFile().length() / 1e6), o.repeats));
        t.append("| version | seconds | mp4j is | bar | pass |\n|---|---:|---:|---|---|\n");
        t.append(String.format(Locale.ROOT, "| single-threaded Java | %.3f | %.2fx faster | >= %.1fx | %s |%n", s, s / m,
                SINGLE_BAR, s / m >= SINGLE_BAR ? "PASS" : "FAIL"));
        t.append(String.format(Locale.ROOT, "| mp4j, 2 worker JVMs | %.3f | | | |%n", m));
        if (python.isEmpty()) {
            t.append("| CPython multiprocessing, 2 workers | not run | | | |\n");
        } else {
            t.append(String.format(Locale.ROOT, "| CPython multiprocessing, 2 workers | %.3f | %.2fx faster | >= %.1fx"
                    + " | %s |%n", p, p / m, CPYTHON_BAR, p / m >= CPYTHON_BAR ? "PASS" : "FAIL"));
        }
        t.append("\naggregates identical in every run: ").append(identical ? "yes" : "NO").append('\n');
        return t.toString();
    }
}
