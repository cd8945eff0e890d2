package io.github.mp4j.examples.loganalyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CPython version, {@code log_analyzer.py} (shipped on the class path beside this class), with
 * {@code python3} and 2 {@code multiprocessing} workers, and reads back its time and report.
 */
public final class PythonAnalyzer {
    /** The script's name on the class path root. */
    static final String SCRIPT = "log_analyzer.py";
    private static final long TIMEOUT_MINUTES = 10;

    private PythonAnalyzer() {
    }

    /** Whether {@code python3} runs here. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the script on {@code file} with {@code workers} processes, the blocks' bytes through its queue. */
    public static LogAnalyzer.Result analyze(Path file, int workers) throws IOException, InterruptedException {
        return analyze(file, workers, Chunks.BYTES);
    }

    /** Runs the script on {@code file} with {@code workers} processes, handing blocks over as {@code how} says. */
    public static LogAnalyzer.Result analyze(Path file, int workers, Chunks how) throws IOException,
            InterruptedException {
        return analyze(file, workers, how.pythonMode());
    }

    /**
     * Runs the script on {@code file} with {@code workers} processes in {@code mode}: {@code bytes} or
     * {@code ranges} (a Queue and Process workers) or {@code pool} ({@code Pool.imap_unordered} over ranges).
     *
     * @throws IOException if python3 cannot start, fails, or prints no {@code seconds:} line
     */
    public static LogAnalyzer.Result analyze(Path file, int workers, String mode) throws IOException,
            InterruptedException {
        Path script = Files.createTempFile("mp4j-log-analyzer", ".py");
        try {
            try (InputStream in = PythonAnalyzer.class.getResourceAsStream("/" + SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is not on the class path");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process p = new ProcessBuilder(List.of("python3", script.toString(), file.toString(),
                    Integer.toString(workers), mode))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("python3 " + SCRIPT + " still runs after " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0 || !out.startsWith("seconds: ")) {
                throw new IOException("python3 " + SCRIPT + " exited with " + p.exitValue() + " printing: " + out);
            }
            int nl = out.indexOf('\n');
            return new LogAnalyzer.Result(Double.parseDouble(out.substring("seconds: ".length(), nl)),
                    out.substring(nl + 1));
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
