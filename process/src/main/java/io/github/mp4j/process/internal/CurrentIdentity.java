package io.github.mp4j.process.internal;

import io.github.mp4j.process.CurrentProcess;
import java.util.OptionalLong;

/**
 * Holds what {@link io.github.mp4j.process.JvmProcess#currentProcess()} returns: {@code "MainProcess"} with no
 * parent until {@link ChildMain} records the name and parent pid from its launch spec, before the target runs.
 */
public final class CurrentIdentity {
    private static volatile CurrentProcess current = new CurrentProcess(CurrentProcess.MAIN_PROCESS,
            ProcessHandle.current().pid(), OptionalLong.empty());

    private CurrentIdentity() {
    }

    /** This JVM's name, pid and parent pid. */
    public static CurrentProcess get() {
        return current;
    }

    /** Records that this JVM is the child named {@code name} of the JVM with pid {@code parentPid}. */
    static void child(String name, long parentPid) {
        current = new CurrentProcess(name, ProcessHandle.current().pid(), OptionalLong.of(parentPid));
    }
}
