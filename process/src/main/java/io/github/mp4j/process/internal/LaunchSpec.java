package io.github.mp4j.process.internal;

import io.github.mp4j.process.ProcessTarget;
import java.io.Serializable;

/**
 * What a parent tells a child at launch: the target (an instance, or the name of a class to instantiate), its
 * arguments, the process name and the parent's pid. Travels JDK-serialized over the child's stdin. A plain class
 * rather than a record: deserializing a record spins method handles, which costs a cold child JVM tens of ms.
 */
public final class LaunchSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ProcessTarget target;
    private final String targetClassName;
    private final Object[] args;
    private final String name;
    private final long parentPid;

    /**
     * @param target the target instance, or null when {@code targetClassName} is given
     * @param targetClassName the target class to instantiate in the child, or null when {@code target} is given
     * @param args the arguments for {@link ProcessTarget#run(Object...)}
     * @param name the process name, e.g. {@code "JvmProcess-1"}
     * @param parentPid the pid of the parent JVM, watched by the child
     */
    public LaunchSpec(ProcessTarget target, String targetClassName, Object[] args, String name, long parentPid) {
        this.target = target;
        this.targetClassName = targetClassName;
        this.args = args;
        this.name = name;
        this.parentPid = parentPid;
    }

    /** The target instance, or null when {@link #targetClassName()} is given. */
    public ProcessTarget target() {
        return target;
    }

    /** The target class to instantiate, or null when {@link #target()} is given. */
    public String targetClassName() {
        return targetClassName;
    }

    /** The arguments for the target (the array itself, not a copy). */
    public Object[] args() {
        return args;
    }

    /** The process name. */
    public String name() {
        return name;
    }

    /** The parent JVM's pid. */
    public long parentPid() {
        return parentPid;
    }
}
