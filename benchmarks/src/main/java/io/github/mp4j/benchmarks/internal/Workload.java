package io.github.mp4j.benchmarks.internal;

/**
 * The rows of the side-by-side table, in table order: the Python script's result names, their units, and
 * DESIGN §5's two bars for mp4j with Kryo, one per regime (steady: long-lived workers; fresh: children started for
 * the workload); plus the raw-socket baselines (no CPython figure, no bar), each under the
 * pipe row it is the ceiling for.
 */
public enum Workload {
    PIPE_THROUGHPUT("pipe_throughput", "Pipe one-way small record", "msg/s", true, 8.0, 3.0, false),
    RAW_SMALL("raw_socket_small", "raw Unix socket, small frames (baseline)", "msg/s", true, 0, 0, true),
    RAW_SMALL_COALESCED("raw_socket_small_64KiB", "raw Unix socket, small frames, 64 KiB writes (baseline)", "msg/s",
            true, 0, 0, true),
    PIPE_PINGPONG("pipe_pingpong_rtt", "Pipe ping-pong round trip", "us", false, 0.1, 0.6, false),
    QUEUE_1P1C("queue_1p1c", "Queue 1 producer / 1 consumer", "msg/s", true, 6.0, 2.5, false),
    QUEUE_1P2C("queue_1p2c", "Queue 1 producer / 2 consumers", "msg/s", true, 4.0, 2.0, false),
    JOINABLE_1P2W("joinable_1p2w", "JoinableQueue 1 producer / 2 workers", "task/s", true, 4.0, 2.0, false),
    PIPE_BANDWIDTH("pipe_bandwidth_1MiB", "Pipe 1 MiB frames", "MiB/s", true, 3.0, 1.5, true),
    RAW_SOCKET("raw_socket_1MiB", "raw Unix socket, 1 MiB writes (baseline)", "MiB/s", true, 0, 0, true),
    QUEUE_BYTES_1MIB("queue_1p1c_1MiB_bytes", "Queue 1p1c, 1 MiB byte[] items", "MiB/s", true, 0, 0, true),
    QUEUE_LINES_1MIB("queue_1p1c_1MiB_lines", "Queue 1p1c, 1 MiB List<String> items (10,000 lines)", "MiB/s", true,
            0, 0, true);

    /** Share of the raw socket's bandwidth that {@link #PIPE_BANDWIDTH} must reach in the steady regime. */
    public static final double RAW_SHARE_BAR = 1.0;
    /** Share of {@link #PIPE_BANDWIDTH} that the large-item queue rows must reach (issue 14). */
    public static final double PIPE_SHARE_BAR = 0.8;

    private final String key;
    private final String title;
    private final String unit;
    private final boolean higherIsBetter;
    private final double steadyBar;
    private final double freshBar;
    private final boolean serializerIndependent;

    Workload(String key, String title, String unit, boolean higherIsBetter, double steadyBar, double freshBar,
             boolean serializerIndependent) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.steadyBar = steadyBar;
        this.freshBar = freshBar;
        this.serializerIndependent = serializerIndependent;
    }

    /** The name the Python script prints in its RESULT line, e.g. {@code queue_1p1c}. */
    public String key() {
        return key;
    }

    /** The row title. */
    public String title() {
        return title;
    }

    /** The unit of the values, as the Python script prints it. */
    public String unit() {
        return unit;
    }

    /** True for rates (msg/s, MiB/s), false for times (us). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * The bar on mp4j/CPython in the {@code steady} or fresh regime (a minimum for rates, a maximum for times); 0 when
     * there is none.
     */
    public double bar(boolean steady) {
        return steady ? steadyBar : freshBar;
    }

    /** True when no serializer is involved (bytes only): measured once per repetition, not per serializer. */
    public boolean serializerIndependent() {
        return serializerIndependent;
    }

    /** Whether this is a large-item queue row, judged against {@link #PIPE_BANDWIDTH} of the same run. */
    public boolean largeItems() {
        return this == QUEUE_BYTES_1MIB || this == QUEUE_LINES_1MIB;
    }

    /** The bar of the {@code steady} or fresh regime as text, e.g. {@code ">= 8.0x CPython"}. */
    public String barText(boolean steady) {
        double bar = bar(steady);
        if (this == PIPE_BANDWIDTH && steady) {
            return ">= " + bar + "x CPython, >= raw";
        }
        if (largeItems()) {
            return ">= 80% of pipe 1 MiB";
        }
        if (bar == 0) {
            return "";
        }
        return (higherIsBetter ? ">= " : "<= ") + bar + "x CPython" + (higherIsBetter ? "" : " time");
    }

    /** Turns a measured duration for {@code count} operations into this row's value and unit. */
    public double value(int count, double seconds) {
        return switch (unit) {
            case "us" -> seconds / count * 1e6;
            default -> count / seconds;
        };
    }
}
