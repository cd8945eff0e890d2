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
 * the same class path. Not a unit test; run with
 * {@code java -cp target/classes:target/test-classes:<api jar> io.github.mp4j.process.StartLatency}.
 */
public final class StartLatency {
    private static final int RUNS = 10;
    private static final int WARM_UP = 2;

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
        configs.keySet().forEach(k -> millis.put(k, new ArrayList<>()));
        for (int round = 0; round < WARM_UP + RUNS; round++) {
            for (Map.Entry<String, Start> config : configs.entrySet()) {
                double ms = config.getValue().millis();
                if (round >= WARM_UP) {
                    millis.get(config.getKey()).add(ms);
                }
            }
        }
        millis.forEach((what, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-55s median %6.1f ms  (min %6.1f, max %6.1f)%n", what,
                    (sorted[RUNS / 2 - 1] + sorted[RUNS / 2]) / 2, sorted[0], sorted[sorted.length - 1]);
        });
    }

    private static double viaJvmProcess(boolean lambda, boolean cds, String... options) throws Exception {
        JvmProcess.Builder builder = lambda ? JvmProcess.builder(a -> System.out.println("up"))
                : JvmProcess.builder(Targets.PrintArgs.class).args("up");
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
        if (!"up".equals(line)) {
            throw new IllegalStateException("child wrote " + line + " instead of up");
        }
        return (t1 - t0) / 1e6;
    }

    /** One way to start a child; returns milliseconds to its first line. */
    private interface Start {
        double millis() throws Exception;
    }

    /** The baseline child: prints "up". */
    public static final class Hello {
        private Hello() {
        }

        /** @param args ignored */
        public static void main(String[] args) {
            System.out.println("up");
        }
    }
}
