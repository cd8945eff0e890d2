package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts the benchmark's child JVMs (daemons, with the extra JVM options given) and waits for them. */
public final class Spawner {
    private static final Duration JOIN = Duration.ofMinutes(5);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<String> jvmOptions;

    /** @param jvmOptions extra options for every child JVM, e.g. a JFR recording */
    public Spawner(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts one child running {@code target} with {@code args}. In the extra JVM options, {@code {child}} becomes
     * a name unique in this run (e.g. for a JFR file per child).
     */
    public JvmProcess start(String name, ProcessTarget target, Object... args) {
        String unique = name + "-" + COUNTER.incrementAndGet();
        String[] options = jvmOptions.stream().map(o -> o.replace("{child}", unique)).toArray(String[]::new);
        JvmProcess p = JvmProcess.builder(target).args(args).name(unique).daemon(true).jvmOptions(options).build();
        p.start();
        return p;
    }

    /** Starts {@code count} children running {@code target} with the same {@code args}. */
    public List<JvmProcess> startAll(int count, String name, ProcessTarget target, Object... args) {
        List<JvmProcess> ps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ps.add(start(name, target, args));
        }
        return ps;
    }

    /**
     * Waits for the children to end and checks that each exited with 0.
     *
     * @throws IllegalStateException naming a child that is still running after 5 minutes or failed
     */
    public static void joinAll(List<JvmProcess> ps) throws InterruptedException {
        for (JvmProcess p : ps) {
            if (!p.join(JOIN)) {
                p.kill();
                throw new IllegalStateException(p.name() + " still runs " + JOIN + " after its work; killed it");
            }
            int code = p.exitCode().orElse(-1);
            if (code != 0) {
                throw new IllegalStateException(p.name() + " exited with " + code + "; its stderr says why");
            }
        }
    }
}
