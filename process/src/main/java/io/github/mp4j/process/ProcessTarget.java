package io.github.mp4j.process;

import java.io.Serializable;

/**
 * The code a {@link JvmProcess} runs in its child JVM, in the role of Python's {@code Process(target=...)}.
 *
 * <p>Supply it in one of two ways:
 * <ul>
 *   <li>a serializable lambda or method reference (the target type makes it serializable), passed to
 *       {@link JvmProcess#JvmProcess(ProcessTarget, Object...)} or {@link JvmProcess#builder(ProcessTarget)}; it is
 *       JDK-serialized together with its captured values, so the capturing class must be on the child's class path
 *       (it is: the child uses the parent's class path);</li>
 *   <li>a class with a public no-arg constructor implementing this interface, passed to
 *       {@link JvmProcess#builder(Class)}; only the class name travels and the child instantiates it.</li>
 * </ul>
 */
@FunctionalInterface
public interface ProcessTarget extends Serializable {
    /**
     * Runs in the child JVM's main thread. Returning ends the child with exit code 0 once its non-daemon threads
     * have finished; {@code System.exit(n)} ends it with {@code n}; an exception that escapes is logged to the
     * child's stderr (with the process name and stack trace) and ends it with exit code 1.
     *
     * @param args the arguments given to the {@link JvmProcess}, JDK-deserialized in the child
     * @throws Exception anything; it ends the child with exit code 1
     */
    void run(Object... args) throws Exception;
}
