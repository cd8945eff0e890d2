package io.github.mp4j.pool.internal;

import java.io.Serializable;

/** What a worker runs for one task; travels JDK-serialized from the parent, as a JvmProcess target does. */
public interface Work extends Serializable {
    /** Runs the task in the worker and returns what goes back to the parent. */
    Object run() throws Exception;
}
