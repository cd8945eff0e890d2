/**
 * mp4j's {@link io.github.mp4j.process.JvmProcess}: Python's {@code multiprocessing.Process} for Java — start a
 * child JVM on the parent's class path, run a target with arguments in it, and observe its exit.
 */
module io.github.mp4j.process {
    requires jdk.jfr;
    // pipe: process's own code uses only pipe's internal toolkit (DaemonThreads, BigEndian). Transitive so that
    // `requires io.github.mp4j.process` also gives the Connection and Pipe a JvmProcess is usually handed.
    requires transitive io.github.mp4j.pipe;
    requires java.management;

    exports io.github.mp4j.process;
}
