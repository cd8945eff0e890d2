package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.Waiting;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Waiting on several connections at once: Python's {@code multiprocessing.connection.wait}. */
public final class Connections {
    private Connections() {
    }

    /**
     * Waits until at least one of {@code connections} has a frame or end of stream to receive, and returns those
     * that do (in the collection's order). Never consumes.
     *
     * @see #wait(Collection, Duration)
     */
    public static List<Connection> wait(Collection<? extends Connection> connections) throws IOException {
        return wait(connections, null);
    }

    /**
     * Like {@link #wait(Collection)} but gives up after {@code timeout} (negative = zero; null = for ever) and
     * then returns an empty list.
     *
     * <p>Each call uses one temporary selector for all the connections. A connection closed by another thread
     * during the wait does not end it.
     *
     * @throws IllegalArgumentException if a connection was not made by this module
     * @throws ConnectionClosedException if a connection is closed
     * @throws InterruptedIOException if the thread is interrupted while waiting (interrupt status kept)
     */
    public static List<Connection> wait(Collection<? extends Connection> connections, Duration timeout)
            throws IOException {
        Objects.requireNonNull(connections, "connections");
        return Waiting.await(connections, timeout == null ? Deadline.NONE : Deadline.after(timeout));
    }
}
