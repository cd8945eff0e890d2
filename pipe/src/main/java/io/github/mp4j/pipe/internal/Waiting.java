package io.github.mp4j.pipe.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link io.github.mp4j.pipe.Connections#wait}: one temporary selector over the {@link
 * WaitHooks#selectableChannel() channels} of connections of any transport. A connection already
 * {@link WaitHooks#readyNow() ready} is returned without blocking; before blocking each transport is told
 * ({@link WaitHooks#prepareToBlock()}), so one whose bytes do not arrive on its channel (a shared-memory
 * ring) can ask its peer to ring that channel, and re-check; after blocking it is told again
 * ({@link WaitHooks#doneBlocking()}). A selected channel counts only if its transport confirms input
 * ({@link WaitHooks#selectedReady()}); a wake-up with nothing behind it goes back to waiting.
 */
public final class Waiting {
    /** What {@link io.github.mp4j.pipe.Connections#wait} can wait on: a connection made by this module. */
    public interface Target {
        /**
         * The connection that carries this one's frames now (itself, or the one under a pipe end).
         *
         * @throws ConnectionClosedException if it is closed
         */
        AbstractConnection waitingOn() throws IOException;
    }

    private Waiting() {
    }

    /**
     * The connection that carries {@code c}'s frames now.
     *
     * @throws IllegalArgumentException if {@code c} was not made by this module
     * @throws ConnectionClosedException if it is closed
     */
    public static AbstractConnection transportOf(Connection c) throws IOException {
        return targetOf(c).waitingOn();
    }

    private static Target targetOf(Connection c) {
        if (!(c instanceof Target target)) {
            throw new IllegalArgumentException("Connections.wait supports connections made by mp4j-pipe, not "
                    + (c == null ? "null" : c.getClass().getName()));
        }
        return target;
    }

    /**
     * Returns those of {@code connections} with a frame or end of stream to receive, in the collection's order,
     * waiting until {@code deadline} ({@link Deadline#NONE} for ever) for at least one; empty if none by then.
     *
     * @throws IllegalArgumentException if a connection was not made by this module
     * @throws ConnectionClosedException if a connection is closed
     * @throws InterruptedIOException if the thread is interrupted while waiting (interrupt status kept)
     */
    public static List<Connection> await(Collection<? extends Connection> connections, long deadline)
            throws IOException {
        List<AbstractConnection> transports = new ArrayList<>(connections.size());
        List<Connection> users = new ArrayList<>(connections.size());
        List<Connection> ready = new ArrayList<>();
        for (Connection c : connections) {
            Target target = targetOf(c);
            if (c.isClosed()) {
                throw new ConnectionClosedException("cannot wait on a closed connection: " + c);
            }
            AbstractConnection t = target.waitingOn();
            users.add(c);
            transports.add(t);
            if (t.readyNow()) {
                ready.add(c);
            }
        }
        if (!ready.isEmpty() || transports.isEmpty()) {
            return ready;
        }
        try (Selector selector = Selector.open()) {
            for (AbstractConnection t : transports) {
                t.selectableChannel().register(selector, SelectionKey.OP_READ);
            }
            boolean[] announced = new boolean[transports.size()];
            for (;;) {
                int n = select(selector, transports, announced, deadline);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on " + connections.size()
                            + " connections");
                }
                if (n > 0) {
                    for (int i = 0; i < transports.size(); i++) {
                        AbstractConnection t = transports.get(i);
                        SelectionKey key = t.selectableChannel().keyFor(selector);
                        if (announced[i]
                                || key != null && selector.selectedKeys().contains(key) && t.selectedReady()) {
                            ready.add(users.get(i));
                        }
                    }
                    selector.selectedKeys().clear();
                    if (!ready.isEmpty()) {
                        return ready;
                    }
                }
                if (Deadline.passed(deadline)) {
                    return ready;
                }
            }
        } catch (ClosedChannelException e) {
            throw new ConnectionClosedException("a connection was closed while waiting on it");
        }
    }

    /**
     * One select, with every transport told before and after; returns the number of channels selected plus the
     * transports that reported input while being told (marked in {@code announced}; then the select does not block).
     */
    private static int select(Selector selector, List<AbstractConnection> transports, boolean[] announced,
                              long deadline) throws IOException {
        int told = 0;
        int found = 0;
        try {
            for (; told < transports.size(); told++) {
                announced[told] = transports.get(told).prepareToBlock();
                found += announced[told] ? 1 : 0;
            }
            return found + (found > 0 ? selector.selectNow() : selector.select(Deadline.selectMillis(deadline)));
        } finally {
            for (int i = 0; i < told; i++) {
                transports.get(i).doneBlocking();
            }
        }
    }
}
