package io.github.mp4j.pipe.internal.attach;

import io.github.mp4j.pipe.internal.AbstractConnection;
import java.io.IOException;

/**
 * Serves one kind of offered object (a pipe end, a queue) to the processes that attach it. A module registers one
 * handler per kind with {@link AttachService#register}; the service calls it on a thread of its own per attaching
 * process, after the process authenticated, named an offered id of this kind and was answered "OK".
 */
@FunctionalInterface
public interface AttachHandler {
    /**
     * Serves {@code connection} for {@code target}, the object offered under the id the process named. The handler
     * owns the connection from now on; it may block for as long as it serves it (the thread is its own). An
     * exception closes the connection and is logged (rate-limited); the service keeps serving others.
     *
     * @param target the offered object
     * @param connection the authenticated connection of the attaching process, with the service's settings
     * @param process the attaching process as it named itself, {@code pid@host}
     */
    void attached(Object target, AbstractConnection connection, String process) throws IOException;
}
