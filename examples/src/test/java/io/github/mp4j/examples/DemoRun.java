package io.github.mp4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a demo's {@code main} in a fresh JVM on this class path, as {@code exec:exec} runs it: its exit code
 * and everything it and its children printed (they inherit its stdout).
 */
final class DemoRun {
    private static final Pattern LOG_LINE = Pattern.compile("\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}] \\[(\\d+)] (.*)");

    final int exitCode;
    final List<String> lines;

    private DemoRun(int exitCode, List<String> lines) {
        this.exitCode = exitCode;
        this.lines = lines;
    }

    /** Runs {@code demo}'s main with {@code args}; stderr is merged into the output. */
    static DemoRun of(Class<?> demo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), demo.getName()));
        command.addAll(List.of(args));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!java.waitFor(60, TimeUnit.SECONDS)) {
            java.destroyForcibly();
            throw new IllegalStateException(demo.getSimpleName() + " closed its output but did not exit:\n" + out);
        }
        return new DemoRun(java.exitValue(), out.lines().toList());
    }

    /** The demo JVM's pid: the first logging process. */
    long demoPid() {
        return logged().get(0).pid;
    }

    /** The {@code log(...)} lines, without their time. */
    List<Logged> logged() {
        List<Logged> logged = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches()) {
                logged.add(new Logged(Long.parseLong(m.group(1)), m.group(2)));
            }
        }
        return logged;
    }

    /** The messages logged by {@code pid}, in order. */
    List<String> messagesOf(long pid) {
        return logged().stream().filter(l -> l.pid == pid).map(l -> l.message).toList();
    }

    /** The messages logged by processes other than the demo JVM, in order. */
    List<String> messagesOfChildren() {
        long demo = demoPid();
        return logged().stream().filter(l -> l.pid != demo).map(l -> l.message).toList();
    }

    /** The lines that are not {@code log(...)} lines: separators, and what else was printed. */
    List<String> otherLines() {
        return lines.stream().filter(l -> !LOG_LINE.matcher(l).matches()).toList();
    }

    @Override
    public String toString() {
        return "exit code " + exitCode + ", output:\n" + String.join("\n", lines);
    }

    /** A {@code log(...)} line: the process that printed it and the message. */
    record Logged(long pid, String message) {
    }
}
