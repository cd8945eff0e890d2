package io.github.mp4j.process.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code mp4j.WorkerExited}: a child JVM ended, with its exit code ({@code 0} normal, {@code 1} uncaught
 * exception, {@code 137} killed, {@code 143} terminated) and how long it lived. A death is an exit code other than 0.
 */
@Name("mp4j.WorkerExited")
@Label("Worker JVM exited")
@Category("mp4j")
@Description("A child JVM ended; exitCode says how (0 normal, 1 uncaught exception, 137 kill -9, 143 terminate)")
@StackTrace(false)
public final class WorkerExitedEvent extends jdk.jfr.Event {
    @Label("Name")
    public String name;

    @Label("Pid")
    public long pid;

    @Label("Exit code")
    public int exitCode;

    @Label("Lifetime")
    @Timespan(Timespan.MILLISECONDS)
    public long lifetimeMillis;

    /** Commits one event when a recording wants it. */
    public static void emit(String name, long pid, int exitCode, long lifetimeMillis) {
        WorkerExitedEvent e = new WorkerExitedEvent();
        if (e.shouldCommit()) {
            e.name = name;
            e.pid = pid;
            e.exitCode = exitCode;
            e.lifetimeMillis = lifetimeMillis;
            e.commit();
        }
    }
}
