package io.github.mp4j.pipe.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this test class path, driven by lines: commands to its stdin, one answer line per command from its
 * stdout; its stderr goes to a file (read with {@link #stderr()}). Closing kills it.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final Path errFile;

    private ChildJvm(Process process, Path errFile) {
        this.process = process;
        this.errFile = errFile;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts {@code main} with {@code args}, the JVM options {@code jvmOptions}, behind the command {@code prefix}. */
    public static ChildJvm start(List<String> prefix, List<String> jvmOptions, Class<?> main, Path dir, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "child", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new ChildJvm(p, err);
    }

    /** The next line the child writes, which must start with {@code prefix}; fails if the child ends first. */
    public String expect(String prefix) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new AssertionError("expected a line starting with '" + prefix + "' from the child, got " + line
                    + "; alive=" + process.isAlive() + ", stderr:\n" + stderr());
        }
        return line;
    }

    /** Sends a command and returns the answer line, which must start with {@code answerPrefix}. */
    public String ask(String command, String answerPrefix) throws IOException {
        in.println(command);
        return expect(answerPrefix);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() throws IOException {
        return Files.readString(errFile, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
