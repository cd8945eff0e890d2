package io.github.mp4j.process.internal;

import io.github.mp4j.process.ProcessTarget;
import java.io.Serializable;

/**
 * What a parent tells a child at launch: the target (an instance, or the name of a class to instantiate), its
 * arguments, the process name and the parent's pid. Travels JDK-serialized over the child's stdin.
 *
 * @param target the target instance, or null when {@code targetClassName} is given
 * @param targetClassName the target class to instantiate in the child, or null when {@code target} is given
 * @param args the arguments for {@link ProcessTarget#run(Object...)}
 * @param name the process name, e.g. {@code "JvmProcess-1"}
 * @param parentPid the pid of the parent JVM, watched by the child
 */
public record LaunchSpec(ProcessTarget target, String targetClassName, Object[] args, String name, long parentPid)
        implements Serializable {
}
