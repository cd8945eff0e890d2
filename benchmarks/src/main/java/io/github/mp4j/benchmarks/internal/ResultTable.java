package io.github.mp4j.benchmarks.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects every repetition's value per workload and column (CPython, then one per serializer) and prints the
 * medians as one Markdown table, with the Kryo-vs-CPython ratio judged against the bar.
 */
public final class ResultTable {
    /** The column of the Python results. */
    public static final String CPYTHON = "CPython";
    /** The serializer the bars are judged with. */
    public static final String BAR_SERIALIZER = "kryo";

    private final List<String> serializers;
    private final boolean steady;
    private final Map<Workload, Map<String, List<Double>>> values = new EnumMap<>(Workload.class);

    /** A table judged against the fresh regime's bars; @param serializers the mp4j columns, in order */
    public ResultTable(List<String> serializers) {
        this(serializers, false);
    }

    /**
     * @param serializers the mp4j columns, in order
     * @param steady whether the rows are judged against DESIGN §5's steady bars (long-lived workers) rather than the
     *     fresh ones (children started for the workload)
     */
    public ResultTable(List<String> serializers, boolean steady) {
        this.serializers = List.copyOf(serializers);
        this.steady = steady;
    }

    /** Records one repetition's value; serializer-independent rows are recorded under every serializer. */
    public void add(Workload w, String column, double value) {
        values.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(column, k -> new ArrayList<>())
                .add(value);
    }

    /** The median of the values recorded for {@code w} in {@code column}; NaN if none. */
    public double median(Workload w, String column) {
        return Stats.median(values.getOrDefault(w, Map.of()).getOrDefault(column, List.of()));
    }

    /** The column that carries the bar and the serializer-independent rows: kryo if measured, else the first. */
    public String independentColumn() {
        return barColumn();
    }

    private String barColumn() {
        return serializers.contains(BAR_SERIALIZER) ? BAR_SERIALIZER : serializers.get(0);
    }

    /** The value column of serializer-independent rows: the bar column. */
    private String columnFor(Workload w, String serializer) {
        return w.serializerIndependent() ? barColumn() : serializer;
    }

    /**
     * mp4j / CPython in the bar's direction: rate over rate for rates, time over time for times. NaN when either
     * is missing.
     */
    public double ratio(Workload w) {
        return median(w, barColumn()) / median(w, CPYTHON);
    }

    /** Whether {@code w} clears its bar; null when there is no bar or the figures are missing. */
    public Boolean passes(Workload w) {
        if (w.largeItems()) {
            double share = pipeShare(w);
            return Double.isNaN(share) ? null : share >= Workload.PIPE_SHARE_BAR;
        }
        double r = ratio(w);
        double bar = w.bar(steady);
        if (bar == 0 || Double.isNaN(r)) {
            return null;
        }
        boolean ok = w.higherIsBetter() ? r >= bar : r <= bar;
        if (w == Workload.PIPE_BANDWIDTH && steady) {
            double raw = rawShare();
            ok &= !Double.isNaN(raw) && raw >= Workload.RAW_SHARE_BAR;
        }
        return ok;
    }

    /** Pipe bandwidth as a share of the raw socket's; NaN if either is missing. */
    public double rawShare() {
        return median(Workload.PIPE_BANDWIDTH, barColumn()) / median(Workload.RAW_SOCKET, barColumn());
    }

    /** A large-item queue row as a share of the pipe's 1 MiB bandwidth; NaN if either is missing. */
    public double pipeShare(Workload w) {
        return median(w, barColumn()) / median(Workload.PIPE_BANDWIDTH, barColumn());
    }

    /** The table in Markdown, one row per workload that has any value. */
    public String toMarkdown() {
        StringBuilder t = new StringBuilder();
        t.append("| workload | unit | ").append(CPYTHON);
        serializers.forEach(s -> t.append(" | mp4j ").append(s));
        t.append(" | ratio (").append(barColumn()).append(" vs CPython) | bar | pass |\n");
        t.append("|---|---|---:");
        serializers.forEach(s -> t.append("|---:"));
        t.append("|---:|---|---|\n");
        for (Workload w : Workload.values()) {
            if (!values.containsKey(w)) {
                continue;
            }
            t.append("| ").append(w.title()).append(" | ").append(w.unit()).append(" | ")
                    .append(format(median(w, CPYTHON)));
            for (String s : serializers) {
                t.append(" | ");
                if (w.serializerIndependent() && !s.equals(barColumn())) {
                    t.append("(bytes: same)");
                } else {
                    t.append(format(median(w, columnFor(w, s))));
                }
            }
            t.append(" | ").append(ratioText(w)).append(" | ").append(w.barText(steady)).append(" | ")
                    .append(passText(passes(w))).append(" |\n");
        }
        return t.toString();
    }

    private String ratioText(Workload w) {
        if (w.largeItems()) {
            double share = pipeShare(w);
            return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.0f%% of pipe", 100 * share);
        }
        double r = ratio(w);
        String text = Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2fx", r);
        if (w == Workload.PIPE_BANDWIDTH && !Double.isNaN(rawShare())) {
            text += String.format(Locale.ROOT, "%s%.0f%% of raw", text.isEmpty() ? "" : ", ", 100 * rawShare());
        }
        return text;
    }

    private static String passText(Boolean pass) {
        return pass == null ? "" : pass ? "PASS" : "FAIL";
    }

    /** A value with a precision that suits its size, e.g. {@code 812,345}, {@code 48.2}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
