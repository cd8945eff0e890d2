package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.benchmarks.internal.BenchOptions.Sizes;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the side-by-side comparison: per repetition, the CPython script once, then every mp4j workload per
 * serializer, then the serializer-independent byte workloads; CPython and mp4j alternate so that a change in
 * machine load hits both. Prints progress as it goes and returns the report (machine, table, extra figures).
 */
public final class Harness {
    private static final int FRAME = 1 << 20;
    private static final int MEMORY_ITEMS = 1_000_000;

    private final BenchOptions o;
    private final PrintStream log;
    private final Spawner spawner;
    private final QueueFactory control = QueueFactory.builder().serializer("jdk").build();
    private final Map<String, Mp4jWorkloads> mp4j = new LinkedHashMap<>();
    private final ResultTable table;
    private final RawSocketBaseline raw;
    private SmallFrames frames;

    /** @param log where progress lines go */
    public Harness(BenchOptions options, PrintStream log) {
        this.o = options;
        this.log = log;
        this.spawner = new Spawner(options.childJvmOptions);
        for (String s : options.serializers) {
            mp4j.put(s, new Mp4jWorkloads(Payloads.factory(s, options.transport), control, Payloads.maker(s), spawner,
                    options.passes()));
        }
        this.table = new ResultTable(options.serializers, options.warmChildren);
        this.raw = new RawSocketBaseline(spawner, options.passes());
    }

    /** Runs everything and returns the report in Markdown. */
    public String run() throws IOException, InterruptedException {
        String pyVersion = o.python ? PythonBaseline.version() : "not run";
        String machine = Machine.describe(pyVersion);
        log.print(machine);
        log.println("children: " + childMode());
        PythonBaseline py = o.python ? new PythonBaseline(PythonBaseline.locate(o.pythonScript,
                PythonBaseline.repoRoot(Path.of(""))), o.scaleText) : null;
        for (int w = 0; w < o.warmup; w++) {
            log.println("warm-up pass " + (w + 1) + "/" + o.warmup + " at scale " + o.scale / 4);
            mp4jPass(BenchOptions.sizes(o.scale / 4), false);
        }
        for (int r = 0; r < o.repeats; r++) {
            log.println("repetition " + (r + 1) + "/" + o.repeats);
            if (py != null) {
                pythonPass(py);
            }
            mp4jPass(BenchOptions.sizes(o.scale), true);
        }
        StringBuilder report = new StringBuilder();
        report.append("## mp4j vs CPython multiprocessing (medians of ").append(o.repeats)
                .append(", scale ").append(o.scaleText).append(", ").append(childMode()).append(")\n\n")
                .append(machine)
                .append("- load average at end: ").append(Machine.loadAverage()).append("\n\n")
                .append(table.toMarkdown());
        if (o.extras) {
            report.append('\n').append(extras());
        }
        if (o.logAnalyzer) {
            report.append('\n').append(new LogAnalyzerRun(o, log).run(Payloads.factory(table.independentColumn())));
        }
        return report.toString();
    }

    private void pythonPass(PythonBaseline py) throws IOException, InterruptedException {
        Map<String, Double> results = py.runOnce();
        for (Workload w : o.workloads) {
            Double v = results.get(w.key());
            if (v != null) {
                table.add(w, ResultTable.CPYTHON, v);
                progress("CPython", w, v);
            }
        }
    }

    private void mp4jPass(Sizes z, boolean record) throws IOException, InterruptedException {
        for (Map.Entry<String, Mp4jWorkloads> e : mp4j.entrySet()) {
            Mp4jWorkloads m = e.getValue();
            for (Workload w : o.workloads) {
                if (!w.serializerIndependent()) {
                    settle();
                    measure(w, e.getKey(), measureOne(m, w, z), record);
                }
            }
        }
        for (Workload w : o.workloads) {
            if (w.serializerIndependent()) {
                settle();
                measure(w, table.independentColumn(), measureIndependent(w, z), record);
            }
        }
    }

    /**
     * A full collection in the parent before each workload, as JMH does between iterations: the 1 MiB item rows
     * leave a heap whose next young collections slowed the small-message rows measured after them (pipe one-way
     * 309k-440k msg/s right after them, 1.19-1.44M when measured alone or after the small rows, same code, same
     * children settings).
     */
    private static void settle() {
        System.gc();
    }

    /** The byte workloads: measured once per pass, shown in the bar column (the raw ones carry its encoding). */
    private double measureIndependent(Workload w, Sizes z) throws IOException, InterruptedException {
        return switch (w) {
            case RAW_SMALL -> w.value(z.n(), raw.smallFrames(smallFrames(z.n()), 0));
            case RAW_SMALL_COALESCED -> w.value(z.n(),
                    raw.smallFrames(smallFrames(z.n()), RawSocketBaseline.COALESCED_WRITE));
            case PIPE_BANDWIDTH -> w.value(z.k(), mp4j.get(table.independentColumn()).pipeBandwidth(z.k(), FRAME));
            case RAW_SOCKET -> w.value(z.k(), raw.bandwidth(z.k(), FRAME));
            case QUEUE_BYTES_1MIB -> w.value(largeCount(z), barWorkloads().queueLarge(largeCount(z),
                    LargeItems.bytes()));
            case QUEUE_LINES_1MIB -> largeCount(z) * (LargeItems.lineBytes() / (double) FRAME)
                    / barWorkloads().queueLarge(largeCount(z), LargeItems.lines());
            default -> throw new IllegalArgumentException(w + " depends on a serializer");
        };
    }

    /** Items of the large-item queue rows: a quarter of the pipe bandwidth row's frames, at least 2. */
    private static int largeCount(Sizes z) {
        return Math.max(2, z.k() / 4);
    }

    private Mp4jWorkloads barWorkloads() {
        return mp4j.get(table.independentColumn());
    }

    /** Items {@code 0..n-1} encoded with the bar column's serializer and framed; kept for the next pass. */
    private SmallFrames smallFrames(int n) throws IOException {
        if (frames == null || frames.count() != n) {
            String s = table.independentColumn();
            frames = SmallFrames.of(Serializers.byName(s), Payloads.maker(s), n);
        }
        return frames;
    }

    /** How the mp4j children run, as the table title says it. */
    private String childMode() {
        return (o.warmChildren ? "steady: warm children, each ran the workload " + (o.passes() - 1)
                + " time(s) untimed first"
                : "fresh: child JVMs started for the workload") + "; transport " + o.transport;
    }

    private static double measureOne(Mp4jWorkloads m, Workload w, Sizes z) throws IOException,
            InterruptedException {
        return switch (w) {
            case PIPE_THROUGHPUT -> w.value(z.n(), m.pipeOneWay(z.n()));
            case PIPE_PINGPONG -> w.value(z.m(), m.pipePingPong(z.m()));
            case QUEUE_1P1C -> w.value(z.n(), m.queueThroughput(z.n(), 1));
            case QUEUE_1P2C -> w.value(z.n(), m.queueThroughput(z.n(), 2));
            case JOINABLE_1P2W -> w.value(z.j(), m.joinable(z.j(), 2));
            default -> throw new IllegalArgumentException(w + " does not depend on a serializer");
        };
    }

    private void measure(Workload w, String column, double value, boolean record) {
        if (record) {
            table.add(w, column, value);
        }
        progress((record ? "" : "warm-up ") + "mp4j " + column, w, value);
    }

    private void progress(String who, Workload w, double value) {
        log.printf(Locale.ROOT, "  %-20s %-22s %14s %s%n", who, w.key(), ResultTable.format(value), w.unit());
    }

    private String extras() throws IOException, InterruptedException {
        StringBuilder t = new StringBuilder("### Owner memory and child start latency\n\n");
        int items = o.scale >= 1 ? MEMORY_ITEMS : Math.max(1000, (int) (MEMORY_ITEMS * o.scale));
        t.append("| serializer | heap used by the owner with ").append(String.format(Locale.ROOT, "%,d", items))
                .append(" small items waiting | per item |\n|---|---:|---:|\n");
        for (String s : o.serializers) {
            long bytes = Extras.ownerHeapBytes(Payloads.factory(s), Payloads.maker(s), items);
            log.printf(Locale.ROOT, "  owner heap %-10s %,d bytes for %,d items%n", s, bytes, items);
            t.append(String.format(Locale.ROOT, "| %s | %.1f MiB | %d bytes |%n", s, bytes / 1048576.0,
                    bytes / items));
        }
        QueueFactory f = Payloads.factory(table.independentColumn());
        t.append("\n| child start to first message (").append(table.independentColumn())
                .append(") | median of ").append(o.latencyRounds).append(" | min | max |\n|---|---:|---:|---:|\n");
        for (boolean pipe : new boolean[] {false, true}) {
            List<Double> ms = Extras.startToFirstMessageMillis(f, spawner, o.latencyRounds, pipe);
            String what = pipe ? "over a pipe end handed to the child" : "over a queue the parent owns";
            log.printf(Locale.ROOT, "  start latency %s: %s ms%n", what, ms);
            t.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms |%n", what, Stats.median(ms),
                    ms.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        }
        return t.toString();
    }
}
