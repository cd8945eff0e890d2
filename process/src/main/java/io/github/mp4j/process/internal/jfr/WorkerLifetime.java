package io.github.mp4j.process.internal.jfr;

import io.github.mp4j.internal.Recordings;

/**
 * What is recorded of a child JVM's life: {@code mp4j.WorkerStarted} when it starts, {@code mp4j.WorkerExited} (exit
 * code, lifetime) when it ends (both only while JFR runs: {@link Recordings#active()}), and one log line for an exit code other than 0, never one per message.
 */
public final class WorkerLifetime {
    private static final System.Logger LOG = System.getLogger("io.github.mp4j.process.JvmProcess");

    private WorkerLifetime() {
    }

    /** Records that {@code started} (the child called {@code name}, running {@code target}) started, and its end. */
    public static void record(String name, Process started, String target) {
        long startedAt = System.nanoTime();
        long pid = started.pid();
        if (Recordings.active()) { // an event class loaded without a recording would set up JFR for nothing
            WorkerStartedEvent.emit(name, pid, target, false);
        }
        started.onExit().thenAccept(p -> {
            int code = p.exitValue();
            if (Recordings.active()) {
                WorkerExitedEvent.emit(name, pid, code, (System.nanoTime() - startedAt) / 1_000_000);
            }
            if (code != 0) {
                // 137/143 after kill()/terminate() are deaths too.
                LOG.log(System.Logger.Level.INFO, "{0} (pid {1}) exited with code {2}", name, String.valueOf(pid),
                        code);
            }
        });
    }
}
