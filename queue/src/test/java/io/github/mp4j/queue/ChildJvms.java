package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVMs one test starts: the queue tests' one child-JVM fixture. Each child's stderr goes to a file in a
 * log directory; {@link #killNine} is the real {@code kill -9}; {@link #closeAll} ends every child at the end.
 */
public final class ChildJvms {
    /** How long a killed child may take to be reaped before the test fails. */
    private static final Duration REAP = Duration.ofSeconds(60);
    private final List<JvmProcess> children = new ArrayList<>();
    private final Path logs;

    /** Children whose stderr goes to {@code child<n>.err} in {@code logs}. */
    public ChildJvms(Path logs) {
        this.logs = logs;
    }

    /** Starts a child running {@code target} with {@code args}, its stderr to {@code child<n>.err}. */
    public JvmProcess start(ProcessTarget target, Object... args) {
        return start(JvmProcess.builder(target).args(args));
    }

    /** Starts the child {@code builder} describes (piped stdout, JVM options, ...), its stderr to {@code child<n>.err}. */
    public JvmProcess start(JvmProcess.Builder builder) {
        JvmProcess p = builder
                .redirectError(ProcessBuilder.Redirect.to(logs.resolve("child" + children.size() + ".err").toFile()))
                .build();
        children.add(p);
        p.start();
        return p;
    }

    /**
     * Kills {@code p} with SIGKILL, asserts that it ended with exit code 137, and returns the kill time
     * ({@code System.nanoTime}).
     */
    public static long killNine(JvmProcess p) throws InterruptedException {
        long at = System.nanoTime();
        p.kill();
        assertThat(p.join(REAP)).as("%s reaped after kill -9", p).isTrue();
        assertThat(p.exitCode()).hasValue(137);
        return at;
    }

    /** Closes every child started (ending those still alive). */
    public void closeAll() {
        children.forEach(JvmProcess::close);
    }

    /** The integers {@code from} (inclusive) to {@code to} (exclusive), in order. */
    static List<Integer> range(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }
}
