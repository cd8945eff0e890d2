package io.github.mp4j.process;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * This JVM as {@link JvmProcess#currentProcess()} describes it: Python's {@code multiprocessing.current_process()}
 * (its {@code name}, {@code pid}) and {@code parent_process().pid}.
 *
 * @param name {@code "MainProcess"} in a JVM that mp4j did not start; in a child, the name its parent gave the
 *     {@link JvmProcess} (the builder's, or {@code "JvmProcess-<n>"})
 * @param pid this JVM's process id
 * @param parentPid the pid of the JVM that started this one with {@link JvmProcess}; empty in a JVM that mp4j did
 *     not start (as {@code parent_process()} is {@code None} in Python's main process)
 */
public record CurrentProcess(String name, long pid, OptionalLong parentPid) {
    /** The name of a JVM that mp4j did not start, as in Python. */
    public static final String MAIN_PROCESS = "MainProcess";

    /**
     * @throws NullPointerException if {@code name} or {@code parentPid} is null
     */
    public CurrentProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parentPid, "parentPid");
    }

    /** Whether mp4j started this JVM as a child of another. */
    public boolean isChild() {
        return parentPid.isPresent();
    }
}
