package io.github.mp4j.process.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code mp4j.WorkerStarted}: a child JVM was started for a {@code JvmProcess}. {@code spare} says whether a
 * warm spare JVM was taken instead of a cold start (always false until spares exist).
 */
@Name("mp4j.WorkerStarted")
@Label("Worker JVM started")
@Category("mp4j")
@Description("A child JVM was started for a JvmProcess")
@StackTrace(false)
public final class WorkerStartedEvent extends jdk.jfr.Event {
    @Label("Name")
    public String name;

    @Label("Pid")
    public long pid;

    @Label("Target")
    public String target;

    @Label("Warm spare")
    public boolean spare;

    /** Commits one event when a recording wants it. */
    public static void emit(String name, long pid, String target, boolean spare) {
        WorkerStartedEvent e = new WorkerStartedEvent();
        if (e.shouldCommit()) {
            e.name = name;
            e.pid = pid;
            e.target = target;
            e.spare = spare;
            e.commit();
        }
    }
}
