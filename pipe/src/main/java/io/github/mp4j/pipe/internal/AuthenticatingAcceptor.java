package io.github.mp4j.pipe.internal;

import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Accepts connections on a bound server socket and authenticates them off the caller's thread, so that slow, idle
 * or hostile peers cannot hold up the peers that authenticate: the accept side of
 * {@link io.github.mp4j.pipe.Listener} and of mp4j's per-process attach servers.
 *
 * <ul>
 *   <li>One accept thread (started by {@link #start()} or the first {@link #accept}) takes every incoming socket
 *       at once; each runs
 *       its authkey handshake on its own thread, under the options' handshake timeout.</li>
 *   <li>At most {@code maxPending} handshakes run at a time: when one more arrives, the oldest is dropped (its
 *       socket closed).</li>
 *   <li>{@link #accept} returns the connections that authenticated, in the order they did. A peer that fails its
 *       handshake is closed and logged, never reported to the caller. At most {@code maxPending} authenticated
 *       connections wait for {@code accept}; beyond that the accept thread leaves new peers in the backlog.</li>
 *   <li>The accept thread survives every error but the server closing: when accepting fails (typically
 *       {@code "Too many open files"}) it waits 10 ms, doubling up to 1 s while it keeps failing, logs the
 *       condition at most once per {@link #LOG_INTERVAL}, and resumes as soon as accepting works again.</li>
 * </ul>
 */
public final class AuthenticatingAcceptor implements AutoCloseable {
    /** Default bound on handshakes in progress. */
    public static final int DEFAULT_MAX_PENDING = 64;
    /** A repeated accept or handshake failure is logged at most once per this interval. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final System.Logger LOG = System.getLogger(AuthenticatingAcceptor.class.getName());

    private final ServerSocketChannel server;
    private final Selector selector;
    private final ConnectionOptions options;
    private final String address;
    private final int maxPending;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, LOG_INTERVAL);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readyOrClosed = lock.newCondition();
    private final Condition roomOrClosed = lock.newCondition();
    private final LinkedHashSet<SocketConnection> pending = new LinkedHashSet<>();
    private final ArrayDeque<SocketConnection> ready = new ArrayDeque<>();
    private Thread acceptThread;
    private volatile boolean closed;

    private final AtomicLong acceptFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Serves {@code server} (bound; switched to non-blocking and owned from now on) with the authkey and handshake
     * timeout of {@code options}; {@code address} names it in messages.
     *
     * @throws IOException if the selector cannot be opened
     */
    public AuthenticatingAcceptor(ServerSocketChannel server, ConnectionOptions options, String address,
                                  int maxPending) throws IOException {
        this.server = Objects.requireNonNull(server, "server");
        this.options = Objects.requireNonNull(options, "options");
        this.address = Objects.requireNonNull(address, "address");
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        this.maxPending = maxPending;
        server.configureBlocking(false);
        this.selector = Selector.open();
        try {
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * The next connection that authenticated, waiting until {@code deadline} ({@link Deadline#NONE}: for ever).
     *
     * @throws SocketTimeoutException if the deadline passes first
     * @throws InterruptedIOException if the thread is interrupted while waiting (interrupt status kept)
     * @throws ConnectionClosedException if this acceptor is or gets closed
     */
    public SocketConnection accept(long deadline) throws IOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to accept on " + address);
        }
        try {
            startLocked();
            for (;;) {
                if (closed) {
                    throw new ConnectionClosedException("listener " + address + " is closed");
                }
                SocketConnection c = ready.pollFirst();
                if (c != null) {
                    roomOrClosed.signal();
                    return c;
                }
                long left = Deadline.remaining(deadline);
                if (left <= 0) {
                    throw new SocketTimeoutException("no connection authenticated on " + address
                            + " within the time allowed");
                }
                if (deadline == Deadline.NONE) {
                    readyOrClosed.await();
                } else {
                    readyOrClosed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to accept on " + address);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the accept thread now rather than at the first {@link #accept}. */
    public void start() {
        lock.lock();
        try {
            startLocked();
        } finally {
            lock.unlock();
        }
    }

    private void startLocked() {
        if (acceptThread == null && !closed) {
            acceptThread = DaemonThreads.start("mp4j-accept " + address, this::acceptLoop);
        }
    }

    /** How many times accepting a socket failed (for instance out of file descriptors). */
    public long acceptFailures() {
        return acceptFailures.get();
    }

    /** How many handshakes in progress were dropped because {@code maxPending} newer ones arrived. */
    public long dropped() {
        return dropped.get();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting, closes the server socket, the handshakes in progress and the authenticated connections not
     * yet taken, and wakes threads in {@link #accept} (they get {@link ConnectionClosedException}). Idempotent.
     */
    @Override
    public void close() throws IOException {
        SocketConnection[] open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readyOrClosed.signalAll();
            roomOrClosed.signalAll();
            open = concat(pending, ready);
            pending.clear();
            ready.clear();
        } finally {
            lock.unlock();
        }
        for (SocketConnection c : open) {
            closeQuietly(c);
        }
        selector.wakeup();
        try {
            server.close();
        } finally {
            selector.close();
        }
    }

    private void acceptLoop() {
        long backoff = 0;
        while (!closed) {
            try {
                if (!awaitRoom()) {
                    return;
                }
                SocketChannel ch = server.accept();
                if (ch == null) {
                    selector.select();
                    selector.selectedKeys().clear();
                    continue;
                }
                backoff = 0;
                admit(ch);
            } catch (ClosedChannelException | ClosedSelectorException e) {
                if (closed) {
                    return;
                }
                warnings.log(System.Logger.Level.ERROR, "closed", "accepting on " + address
                        + " stopped: the server socket was closed under it");
                return;
            } catch (Throwable t) {
                if (closed) {
                    return;
                }
                backoff = backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                try {
                    failed(t, backoff);
                } catch (Throwable ignored) {
                    // even counting and waiting failed: try again, the next failure backs off further
                }
            }
        }
    }

    /**
     * Counts a failed accept, logs it (rate-limited) and waits {@code backoff}. Nothing here may end the loop: an
     * error while reporting (a class that cannot be loaded without a free descriptor) is dropped.
     */
    private void failed(Throwable t, long backoff) {
        acceptFailures.incrementAndGet();
        try {
            warnings.log(System.Logger.Level.WARNING, "accept", "accepting on " + address + " failed (" + t
                    + "); retrying in " + backoff / 1_000_000 + " ms, backing off up to "
                    + MAX_BACKOFF_NANOS / 1_000_000 + " ms while it fails");
        } catch (Throwable ignored) {
            // reporting failed too; the back-off below still applies
        }
        pause(backoff);
    }

    /** Waits while {@code maxPending} authenticated connections wait for {@link #accept}; false once closed. */
    private boolean awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && ready.size() >= maxPending) {
                roomOrClosed.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps {@code nanos}, or less if the acceptor closes. */
    private void pause(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) {
                left = roomOrClosed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Wraps a new socket, drops the oldest handshake if {@code maxPending} run, and starts its handshake. */
    private void admit(SocketChannel ch) throws IOException {
        SocketConnection c;
        try {
            c = new SocketConnection(ch, options, true, true);
        } catch (IOException | RuntimeException | Error e) {
            ch.close();
            throw e;
        }
        if (!options.hasAuthkey()) {
            authenticated(c, false);
            return;
        }
        SocketConnection oldest = null;
        lock.lock();
        try {
            if (closed) {
                oldest = c;
            } else {
                if (pending.size() >= maxPending) {
                    oldest = pending.iterator().next();
                    pending.remove(oldest);
                    dropped.incrementAndGet();
                }
                pending.add(c);
            }
        } finally {
            lock.unlock();
        }
        if (oldest != null) {
            closeQuietly(oldest);
            if (oldest != c) {
                warnings.log(System.Logger.Level.WARNING, "dropped", "accepting on " + address + ": "
                        + maxPending + " handshakes were in progress; dropped the oldest, " + oldest);
            }
            if (oldest == c) {
                return;
            }
        }
        try {
            DaemonThreads.start("mp4j-handshake " + address, () -> handshake(c));
        } catch (Throwable e) {
            forget(c);
            closeQuietly(c);
            throw e;
        }
    }

    private void handshake(SocketConnection c) {
        try {
            Handshake.serve(c, options.authkey(), options.handshakeTimeout());
            authenticated(c, true);
        } catch (Throwable e) {
            forget(c);
            closeQuietly(c);
            if (!closed) {
                warnings.log(System.Logger.Level.DEBUG, "handshake", "accepting on " + address
                        + ": a peer failed the authkey handshake and was closed: " + e);
            }
        }
    }

    /** Hands an authenticated connection to {@link #accept}, unless it was dropped or the acceptor closed. */
    private void authenticated(SocketConnection c, boolean wasPending) {
        boolean keep;
        lock.lock();
        try {
            keep = !closed && (!wasPending || pending.remove(c));
            if (keep) {
                ready.addLast(c);
                readyOrClosed.signal();
            }
        } finally {
            lock.unlock();
        }
        if (!keep) {
            closeQuietly(c);
        }
    }

    private void forget(SocketConnection c) {
        lock.lock();
        try {
            pending.remove(c);
        } finally {
            lock.unlock();
        }
    }

    private static SocketConnection[] concat(LinkedHashSet<SocketConnection> a, ArrayDeque<SocketConnection> b) {
        SocketConnection[] all = new SocketConnection[a.size() + b.size()];
        int i = 0;
        for (SocketConnection c : a) {
            all[i++] = c;
        }
        for (SocketConnection c : b) {
            all[i++] = c;
        }
        return all;
    }

    private void closeQuietly(SocketConnection c) {
        try {
            c.close();
        } catch (Throwable e) {
            warnings.log(System.Logger.Level.DEBUG, "close", "closing " + c + " failed: " + e);
        }
    }
}
