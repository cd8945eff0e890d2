package io.github.mp4j.pool;

import java.util.OptionalInt;

/**
 * A task's worker JVM ended while it held the task ({@code kill -9}, {@code System.exit}, an
 * {@link OutOfMemoryError} — workers run with {@code -XX:+ExitOnOutOfMemoryError} — or a crash). Only the task the
 * worker was running fails this way (tasks it had received but not begun run on another worker); the worker is
 * replaced and the pool goes on. The cause of a future's {@link java.util.concurrent.ExecutionException}, or
 * thrown by {@link JvmPool#map map} and friends.
 */
public class WorkerDiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String worker;
    private final long pid;
    private final int exitCode;
    private final String task;
    private final int deaths;

    /**
     * @param worker the worker's name, e.g. {@code "JvmPool-1-worker-2"}
     * @param pid the worker's process id
     * @param exitCode its exit code, or {@code -1} if unknown
     * @param task what the task was, e.g. {@code "task 7 (map chunk 3 of 8)"}
     * @param deaths how many workers died running this task (more than 1 only for idempotent tasks)
     */
    public WorkerDiedException(String worker, long pid, int exitCode, String task, int deaths) {
        super("worker " + worker + " (pid " + pid + ") died with exit code "
                + (exitCode < 0 ? "unknown" : Integer.toString(exitCode)) + " while running " + task
                + (deaths > 1 ? "; " + deaths + " workers died running it, so it is not run again" : ""));
        this.worker = worker;
        this.pid = pid;
        this.exitCode = exitCode;
        this.task = task;
        this.deaths = deaths;
    }

    /** The name of the worker that died (the last one, for a task that killed several). */
    public String worker() {
        return worker;
    }

    /** The process id of that worker. */
    public long pid() {
        return pid;
    }

    /** Its exit code: {@code 137} after {@code kill -9}, {@code n} after {@code System.exit(n)}, 3 after OOM. */
    public OptionalInt exitCode() {
        return exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** The task it was running, e.g. {@code "task 7 (map chunk 3 of 8)"}. */
    public String task() {
        return task;
    }

    /** How many workers died running this task. */
    public int deaths() {
        return deaths;
    }
}
