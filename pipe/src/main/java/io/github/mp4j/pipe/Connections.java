package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.SocketConnection;
import io.github.mp4j.pipe.internal.share.PipeEnd;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
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
        long deadline = timeout == null ? Deadline.NONE : Deadline.after(timeout);
        List<SocketConnection> socketConnections = new ArrayList<>(connections.size());
        List<Connection> ready = new ArrayList<>();
        List<Connection> users = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            if (!(c instanceof SocketConnection) && !(c instanceof PipeEnd)) {
                throw new IllegalArgumentException("Connections.wait supports connections made by mp4j-pipe, not "
                        + (c == null ? "null" : c.getClass().getName()));
            }
            if (c.isClosed()) {
                throw new ConnectionClosedException("cannot wait on a closed connection: " + c);
            }
            SocketConnection sc = c instanceof PipeEnd ? ((PipeEnd) c).socket() : (SocketConnection) c;
            users.add(c);
            socketConnections.add(sc);
            if (sc.hasBufferedInput()) {
                ready.add(c);
            }
        }
        if (!ready.isEmpty() || socketConnections.isEmpty()) {
            return ready;
        }
        try (Selector selector = Selector.open()) {
            for (SocketConnection sc : socketConnections) {
                sc.channel().register(selector, SelectionKey.OP_READ);
            }
            for (;;) {
                int n = selector.select(Deadline.selectMillis(deadline));
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on " + connections.size()
                            + " connections");
                }
                if (n > 0) {
                    for (int i = 0; i < socketConnections.size(); i++) {
                        SelectionKey key = socketConnections.get(i).channel().keyFor(selector);
                        if (key != null && selector.selectedKeys().contains(key)) {
                            ready.add(users.get(i));
                        }
                    }
                    return ready;
                }
                if (deadline != Deadline.NONE && Deadline.remaining(deadline) <= 0) {
                    return ready;
                }
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new ConnectionClosedException("a connection was closed while waiting on it");
        }
    }
}
