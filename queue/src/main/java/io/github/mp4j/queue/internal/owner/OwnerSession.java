package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.Connection;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.internal.Waiting;
import io.github.mp4j.queue.internal.Queues;
import io.github.mp4j.queue.internal.SessionPage;
import io.github.mp4j.queue.internal.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The owner's side of one attached process's connection to one queue: a reader thread ({@link #run()}) handing
 * each message to the queue's {@link OwnerProtocol}, the {@link SessionLedger} of what that process holds and
 * counted, and the {@link Outbox} of messages to it. As a {@link Waiters.Getter} it stands for one of its credits
 * waiting in the queue's getters (queued once per credit).
 */
public final class OwnerSession implements Waiters.Getter {
    private static final System.Logger LOG = System.getLogger(OwnerSession.class.getName());

    /** What the owner knows of this process's items, tasks and credits; guarded by the queue's lock. */
    final SessionLedger ledger;
    /** Messages to this process. */
    final Outbox outbox;

    private final OwnerQueue queue;
    private final Connection connection;
    private final String peer;
    private final Path pagePath;

    public OwnerSession(OwnerQueue queue, Connection connection, String peer, SessionPage page, Path pagePath) {
        this.queue = queue;
        this.ledger = new SessionLedger(page);
        this.pagePath = pagePath;
        this.connection = connection;
        this.peer = peer;
        this.outbox = new Outbox(queue.lock, queue.pendingOutboxes, connection, queue.describe() + " to " + peer);
    }

    /** The attached process, {@code pid@host}, for messages. */
    String peer() {
        return peer;
    }

    /** What carries this session's frames: {@code "shm"} (rings), {@code "unix"} or {@code "tcp"}. */
    String transportName() throws IOException {
        return Waiting.transportOf(connection).transportName();
    }

    /** The counters this process keeps for the owner. */
    SessionPage page() {
        return ledger.page;
    }

    /** Queues a message for this process (lock held); dropped once the session has ended. */
    void sendLocked(byte[] message) {
        outbox.addLocked(FrameLease.of(message));
    }

    @Override
    public int itemsInFlight() {
        return ledger.inFlight.size();
    }

    @Override
    public int creditsWaiting() {
        return ledger.creditsWaiting;
    }

    /** One of this process's credits is served: the item goes in flight to it ({@link #sendItemLocked}). */
    @Override
    public boolean receive(FrameLease item) {
        ledger.creditsWaiting--;
        sendItemLocked(item);
        return true;
    }

    /**
     * Sends {@code item} to this process (lock held): it is in flight, in the ledger, until a get there returns it;
     * the caller counts it in the queue's total in flight.
     */
    void sendItemLocked(FrameLease item) {
        ledger.inFlight.addLast(item);
        item.array[0] = Wire.ITEM;
        outbox.addLocked(item);
    }

    /** Nothing: the owner closing its own use of the queue does not end attached processes' use. */
    @Override
    public void queueClosed() {
    }

    /**
     * Sends the page's path, then reads and handles messages until the connection ends; then lets the queue reclaim
     * this session's items and deletes the page's name if the process never took it.
     */
    public void run() {
        OwnerProtocol protocol = queue.protocol;
        try {
            protocol.sessionStarted(this);
            connection.sendBytes(Wire.textMessage(Wire.PAGE, 0, pagePath.toString()));
            for (;;) {
                protocol.onMessage(this, queue.pool.receive(connection));
            }
        } catch (TruncatedFrameException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} died mid-message ({2})", queue.describe(), peer,
                    e.toString());
        } catch (ProtocolException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, queue.describe() + ": connection from " + peer
                    + " broke the protocol and is closed: " + e.getMessage(), e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} detached ({2})", queue.describe(), peer, e.toString());
        } catch (InternalError e) {
            // A fault on the mapped session page (HotSpot raises it in the thread that touched the memory, possibly
            // a little later): end this session only.
            LOG.log(System.Logger.Level.WARNING, queue.describe() + ": the session of " + peer + " faulted on its"
                    + " session page " + pagePath + " (" + e + "); that session is closed, the queue serves the"
                    + " others", e);
        } catch (Error e) {
            LOG.log(System.Logger.Level.WARNING, queue.describe() + ": the session of " + peer + " failed and is"
                    + " closed: " + e, e);
        } finally {
            closeConnection();
            try {
                protocol.sessionEnded(this);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, queue.describe() + ": reclaiming the items of " + peer
                        + " failed: " + e, e);
            }
            deletePageFile();
        }
    }

    private void deletePageFile() {
        try {
            Files.deleteIfExists(pagePath);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot delete the session page {1} of {2}: {3}",
                    queue.describe(), pagePath, peer, e.toString());
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the connection from {0} failed: {1}", peer, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "OwnerSession[" + queue.describe() + ", peer " + peer + "]";
    }
}
