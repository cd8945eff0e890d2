package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.pipe.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The side-by-side harness's command line. Arguments may arrive glued in one string (Maven's
 * {@code -Dbench.args="--scale 0.1 --repeats 1"}); they are split on whitespace, and empty ones are dropped.
 */
public final class BenchOptions {
    /** The usage text printed for {@code --help} and after a bad argument. */
    public static final String USAGE = String.join("\n",
            "options:",
            "  --scale F              workload sizes times F, passed to the Python script too (default 1)",
            "  --repeats R            timed repetitions; the table shows medians (default 3)",
            "  --warmup W             untimed passes at a quarter of the scale before the timed ones (default 1)",
            "  --warm-children        every mp4j child runs its loop several times on the same pipe or queue, the",
            "                         parent untimed passes before the timed one: warm children, not fresh JVMs",
            "                         (CPython as is)",
            "  --warm-passes K        untimed passes before the timed one with --warm-children (default 4: fewer",
            "                         leave the JIT compiling during the timed pass at scale 1 and below)",
            "  --serializers a,b      mp4j serializers to measure (default jdk,kryo,json,protobuf)",
            "  --workloads a,b        workload names as the Python script prints them (default all)",
            "  --python-script P      the CPython script (default ../shared/bench/py_mp_bench.py from the repo root,",
            "                         then /work/shared/bench/py_mp_bench.py)",
            "  --no-python            skip CPython",
            "  --no-extras            skip the memory and start-latency figures",
            "  --no-log-analyzer      skip the LogAnalyzer application (2M lines times --scale, three versions)",
            "  --latency-rounds L     rounds of the start-to-first-message figure; the median is shown (default 10)",
            "  --child-jvm-option O   an extra option for every child JVM (repeatable); {child} becomes the child's name",
            "  --transport T          what carries mp4j queue sessions and pipe ends handed to children: AUTO (default:",
            "                         shared-memory rings), SOCKET or",
            "                         SHARED_MEMORY; run once with SOCKET to fill the socket column");

    String scaleText = "1";
    double scale = 1;
    int repeats = 3;
    int warmup = 1;
    boolean warmChildren;
    int warmPasses = 4;
    List<String> serializers = List.of("jdk", "kryo", "json", "protobuf");
    Set<Workload> workloads = EnumSet.allOf(Workload.class);
    String pythonScript;
    boolean python = true;
    boolean extras = true;
    boolean logAnalyzer = true;
    int latencyRounds = 10;
    final List<String> childJvmOptions = new ArrayList<>();
    boolean help;
    Transport transport = Transport.AUTO;

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the argument that is unknown, lacks its value or is malformed
     */
    public static BenchOptions parse(String... args) {
        List<String> a = split(args);
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i);
            switch (opt) {
                case "--scale" -> {
                    o.scaleText = value(a, ++i, opt);
                    o.scale = positive(opt, Double.parseDouble(o.scaleText));
                }
                case "--repeats" -> o.repeats = (int) positive(opt, Integer.parseInt(value(a, ++i, opt)));
                case "--warmup" -> o.warmup = Integer.parseInt(value(a, ++i, opt));
                case "--warm-children" -> o.warmChildren = true;
                case "--warm-passes" -> o.warmPasses = (int) positive(opt, Integer.parseInt(value(a, ++i, opt)));
                case "--serializers" -> o.serializers = List.of(value(a, ++i, opt).split(","));
                case "--workloads" -> o.workloads = workloads(value(a, ++i, opt));
                case "--python-script" -> o.pythonScript = value(a, ++i, opt);
                case "--no-python" -> o.python = false;
                case "--no-extras" -> o.extras = false;
                case "--no-log-analyzer" -> o.logAnalyzer = false;
                case "--latency-rounds" -> o.latencyRounds =
                        (int) positive(opt, Integer.parseInt(value(a, ++i, opt)));
                case "--child-jvm-option" -> o.childJvmOptions.add(value(a, ++i, opt));
                case "--transport" -> o.transport = transport(value(a, ++i, opt));
                case "--help", "-h" -> o.help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + opt + "'\n" + USAGE);
            }
        }
        return o;
    }

    /** The arguments split on whitespace, empty ones dropped (Maven passes an unset property as ""). */
    public static List<String> split(String... args) {
        List<String> a = new ArrayList<>();
        for (String arg : args) {
            Arrays.stream(arg.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(a::add);
        }
        return a;
    }

    private static String value(List<String> a, int i, String opt) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(opt + " needs a value\n" + USAGE);
        }
        return a.get(i);
    }

    private static double positive(String opt, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(opt + " must be positive: " + v);
        }
        return v;
    }

    private static Set<Workload> workloads(String names) {
        Set<Workload> set = EnumSet.noneOf(Workload.class);
        for (String n : names.split(",")) {
            Workload found = Arrays.stream(Workload.values())
                    .filter(w -> w.key().equalsIgnoreCase(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + n + "'; known: "
                            + Arrays.stream(Workload.values()).map(Workload::key).toList()));
            set.add(found);
        }
        return set;
    }

    private static Transport transport(String name) {
        try {
            return Transport.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + name + "'; known: "
                    + Arrays.toString(Transport.values()) + "\n" + USAGE);
        }
    }

    /** Whether {@code --help} was given. */
    public boolean help() {
        return help;
    }

    /**
     * Passes per workload on the same children: with {@code --warm-children} the {@code --warm-passes} untimed ones
     * and the timed one, else 1.
     */
    int passes() {
        return warmChildren ? warmPasses + 1 : 1;
    }

    /** The workload sizes at {@code scale}, computed as the Python script computes them. */
    static Sizes sizes(double scale) {
        return new Sizes((int) (200_000 * scale), (int) (20_000 * scale), (int) (100_000 * scale),
                Math.max(10, (int) (2000 * scale)));
    }

    /**
     * Workload sizes.
     *
     * @param n small records for pipe and queue throughput
     * @param m ping-pong round trips
     * @param j joinable-queue tasks
     * @param k 1 MiB frames
     */
    record Sizes(int n, int m, int j, int k) {
    }
}
