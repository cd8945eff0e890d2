package io.github.mp4j.benchmarks.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs CPython's {@code py_mp_bench.py} ({@code python3 <script> fork --scale S}) and reads its
 * {@code RESULT <name> <value> <unit>} lines.
 */
public final class PythonBaseline {
    private static final long TIMEOUT_MINUTES = 20;

    private final Path script;
    private final String scale;

    /**
     * @param script the script's path
     * @param scale the {@code --scale} value, passed through as written
     */
    public PythonBaseline(Path script, String scale) {
        this.script = script;
        this.scale = scale;
    }

    /**
     * The script to run: {@code explicit} if given, else {@code <repoRoot>/../shared/bench/py_mp_bench.py}, else
     * {@code /work/shared/bench/py_mp_bench.py}.
     *
     * @throws IllegalArgumentException naming the places looked at when none exists
     */
    public static Path locate(String explicit, Path repoRoot) {
        List<Path> candidates = explicit != null ? List.of(Path.of(explicit))
                : List.of(repoRoot.resolve("../shared/bench/py_mp_bench.py").normalize(),
                        Path.of("/work/shared/bench/py_mp_bench.py"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("CPython benchmark script not found at " + candidates
                + "; pass --python-script <path> or --no-python");
    }

    /** The repository root: the nearest directory upwards from {@code start} holding pom.xml and benchmarks/. */
    public static Path repoRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("benchmarks"))) {
                return p;
            }
        }
        return start.toAbsolutePath();
    }

    /** {@code python3 --version}, e.g. {@code "Python 3.11.2"}, or {@code "python3 not found"}. */
    public static String version() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "python3 not found (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3 --version interrupted";
        }
    }

    /**
     * Runs the script once and returns its results by name (value in the script's unit). Lines that are not
     * results go to this process's stdout.
     *
     * @throws IOException if python3 cannot start, fails, or prints no result
     */
    public Map<String, Double> runOnce() throws IOException, InterruptedException {
        return runOnce(List.of());
    }

    /** {@link #runOnce()} with more arguments for the script, e.g. {@code --pool --start --only-extra}. */
    public Map<String, Double> runOnce(List<String> extraArgs) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString(), "fork", "--scale",
                scale));
        command.addAll(extraArgs);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> results = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[0].equals("RESULT")) {
                    results.put(f[1], Double.parseDouble(f[2]));
                } else {
                    System.out.println("python: " + line);
                }
            }
        }
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("python3 " + script + " still runs after " + TIMEOUT_MINUTES + " minutes; killed");
        }
        if (p.exitValue() != 0 || results.isEmpty()) {
            throw new IOException("python3 " + script + " exited with " + p.exitValue() + " and printed "
                    + results.size() + " RESULT lines");
        }
        return results;
    }
}
