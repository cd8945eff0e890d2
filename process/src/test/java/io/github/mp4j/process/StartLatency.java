package io.github.mp4j.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures start latency (issue 3 "Measure"): from {@link JvmProcess#start()} to the first line the child writes
 * on its (piped) stdout; median of 10 rounds after 2 warm-up rounds. Configurations run interleaved, round by
 * round, so that a change in machine load hits them alike; the baseline is a bare {@code java -cp ... Hello} with
 * the same class path. Each child also reports the CPU time it has used when it prints (user + system, from
 * {@code /proc/self/stat}; less sensitive to machine load than wall time). Not a unit test; run with
 * {@code java -cp target/classes:target/test-classes:<api jar> io.github.mp4j.process.StartLatency}.
 */
public final class StartLatency {
    private static final int RUNS = 10;
    private static final int WARM_UP = 2;
    private static final double[] LAST_CPU_MILLIS = new double[1];

    private StartLatency() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        Map<String, Start> configs = new LinkedHashMap<>();
        configs.put("bare JVM: java -cp <same> Hello (baseline)", StartLatency::bareJvm);
        configs.put("JvmProcess, class target", () -> viaJvmProcess(false, false));
        configs.put("JvmProcess, lambda target", () -> viaJvmProcess(true, false));
        configs.put("JvmProcess, class target, -XX:+UseSerialGC", () -> viaJvmProcess(false, false,
                "-XX:+UseSerialGC"));
        configs.put("JvmProcess, lambda target, -XX:TieredStopAtLevel=1", () -> viaJvmProcess(true, false,
                "-XX:TieredStopAtLevel=1"));
        configs.put("JvmProcess, lambda target, -Xshare:off", () -> viaJvmProcess(true, false, "-Xshare:off"));
        configs.put("JvmProcess, class target, AppCDS", () -> viaJvmProcess(false, true));
        configs.put("JvmProcess, lambda target, AppCDS", () -> viaJvmProcess(true, true));
        configs.put("JvmProcess, lambda target, AppCDS + SerialGC", () -> viaJvmProcess(true, true,
                "-XX:+UseSerialGC"));
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        configs.keySet().forEach(k -> millis.put(k, new ArrayList<>()));
        configs.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
        for (int round = 0; round < WARM_UP + RUNS; round++) {
            for (Map.Entry<String, Start> config : configs.entrySet()) {
                double ms = config.getValue().millis();
                if (round >= WARM_UP) {
                    millis.get(config.getKey()).add(ms);
                    cpu.get(config.getKey()).add(LAST_CPU_MILLIS[0]);
                }
            }
        }
        millis.forEach((what, values) -> System.out.printf(
                "%-55s median %6.1f ms  (min %6.1f)  child CPU used by then: median %4.0f ms%n",
                what, median(values), values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                median(cpu.get(what))));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    private static double viaJvmProcess(boolean lambda, boolean cds, String... options) throws Exception {
        JvmProcess.Builder builder = lambda ? JvmProcess.builder(a -> Hello.main(new String[0])) : JvmProcess.builder(Up.class);
        try (JvmProcess p = builder.classDataSharing(cds).jvmOptions(options).redirectOutput(Redirect.PIPE).build()) {
            long t0 = System.nanoTime();
            p.start();
            double ms = untilFirstLine(p.stdout(), t0);
            p.join();
            return ms;
        }
    }

    private static double bareJvm() throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Hello.class.getName()).redirectError(Redirect.INHERIT).start();
        double ms = untilFirstLine(p.getInputStream(), t0);
        p.waitFor();
        return ms;
    }

    private static double untilFirstLine(InputStream stdout, long t0) throws IOException {
        String line = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
        long t1 = System.nanoTime();
        if (line == null || !line.startsWith("up ")) {
            throw new IllegalStateException("child wrote " + line + " instead of up <cpu ms>");
        }
        LAST_CPU_MILLIS[0] = Double.parseDouble(line.substring(3));
        return (t1 - t0) / 1e6;
    }

    /** One way to start a child; returns milliseconds to its first line. */
    private interface Start {
        double millis() throws Exception;
    }

    /** The baseline child: prints "up" and the CPU time this process has used so far (ms; -1 without procfs). */
    public static final class Hello {
        private Hello() {
        }

        /** @param args ignored */
        public static void main(String[] args) {
            long cpu = -1;
            try {
                String stat = new String(java.nio.file.Files.readAllBytes(Path.of("/proc/self/stat")),
                        StandardCharsets.US_ASCII);
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime+stime, 100 Hz ticks
            } catch (IOException | RuntimeException e) {
                cpu = -1;
            }
            System.out.println("up " + cpu);
        }
    }

    /** The class target: does what {@link Hello} does. */
    public static final class Up implements ProcessTarget {
        @Override
        public void run(Object... args) {
            Hello.main(new String[0]);
        }
    }
}
