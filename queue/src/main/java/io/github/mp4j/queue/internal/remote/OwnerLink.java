package io.github.mp4j.queue.internal.remote;

import io.github.mp4j.Connection;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.PayloadArrays.Received;
import io.github.mp4j.pipe.internal.Uninterruptibles;
import io.github.mp4j.queue.internal.FramePool;
import io.github.mp4j.queue.internal.QueueAttacher;
import io.github.mp4j.queue.internal.QueueErrors;
import io.github.mp4j.queue.internal.SessionPage;
import io.github.mp4j.queue.internal.Wire;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An attached process's link to the owner of one queue: the connection (opened on first use and shared by the
 * process's threads), the session page the owner maps beside it, the reading turn, and the broken state once the
 * connection failed. Request ids and their replies are kept by its {@link Requests}.
 *
 * <p>Threads take turns reading the connection (leader/follower): a waiting thread reads one message if no other
 * thread is reading ({@link #readOrWaitLocked}), files it — a reply to its {@link Requests}, anything else to the
 * {@link Receiver} — and wakes the others; otherwise it waits on {@link #changed}. {@link #lock} is the queue's lock
 * (the receiver's state shares it) and is never held during socket I/O.
 */
final class OwnerLink {
    /** What the link hands the messages that are not replies to. */
    interface Receiver {
        /**
         * Files one message from the owner held in {@code f[offset, offset + length)} (lock held). {@code whole}
         * says the message is all of {@code f}'s use (not a part of a {@link Wire#BATCH}): the receiver then owns
         * the array and may give it back to the link's {@link #pool()} once done with it.
         */
        void fileLocked(byte[] f, int offset, int length, byte op, boolean whole) throws ProtocolException;

        /** Called with the lock held after each message read without failure: the receiver may send now. */
        void afterReadLocked();
    }

    /** How long one read lasts at most when the caller waits for ever (it then loops; nothing to do with timeouts). */
    private static final Duration READ_SLICE = Duration.ofHours(1);

    /** Guards the link and the receiver's state. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled (all waiting threads) after each read, and when the link breaks or closes. */
    final Condition changed = lock.newCondition();
    /** The requests sent over this link and their replies, filed here as they are read. */
    final Requests requests;

    private final QueueHandle handle;
    private final HandleRules rules;
    private final String name;
    private final Object connectLock = new Object();
    /** Arrays for large messages from the owner, reused once their items are decoded. */
    private final FramePool pool = new FramePool();
    private Receiver receiver;
    private volatile Connection connection;
    /** Set once, before {@link #connection}, by the thread that connects. */
    private SessionPage page;
    private volatile boolean closed;

    // guarded by lock
    private Throwable brokenBy;
    private boolean reading;

    OwnerLink(QueueHandle handle, HandleRules rules, String name) {
        this.handle = handle;
        this.rules = rules;
        this.name = name;
        this.requests = new Requests(this);
    }

    /** Sets who files the owner's messages; once, before first use. */
    void receiver(Receiver receiver) {
        this.receiver = receiver;
    }

    /** Where large messages from the owner are received; the receiver gives their arrays back when done. */
    FramePool pool() {
        return pool;
    }

    /** The session page, once {@link #connection()} has connected. */
    SessionPage page() {
        return page;
    }

    /** The connection to the owner, opened on first use. */
    Connection connection() {
        Connection c = connection;
        if (c != null) {
            return c;
        }
        synchronized (connectLock) {
            checkOpen();
            if (connection == null) {
                try {
                    connection = Uninterruptibles.call(this::connect);
                } catch (IOException e) {
                    throw broken(new IOException("cannot attach to " + handle.address() + ": " + e.getMessage(), e));
                }
            }
            return connection;
        }
    }

    /**
     * Connects and authenticates, names the queue and maps the session page the owner answers with. Called with
     * the interrupt status cleared: connecting is short, and a half-made handshake cannot be resumed.
     */
    private Connection connect() throws IOException {
        rules.checkAddress(handle.address(), name); // again: the directory may have appeared since
        ConnectionOptions options = ConnectionOptions.builder().authkey(handle.authkey())
                .maxFrameLength(handle.maxFrameLength()).build();
        boolean interrupted = false;
        try {
            for (;;) {
                Connection fresh;
                try {
                    fresh = QueueAttacher.connect(options, handle, name);
                } catch (InterruptedIOException e) {
                    interrupted |= Thread.interrupted();
                    continue;
                }
                try {
                    interrupted |= Thread.interrupted();
                    fresh.sendBytes(Wire.textMessage(Wire.HELLO, handle.queueId(), LocalProcess.id()));
                    page = SessionPage.attach(Path.of(pagePath(fresh.recvBytes())));
                    return fresh;
                } catch (IOException | RuntimeException e) {
                    fresh.close();
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The path in the owner's first answer.
     *
     * @throws ProtocolException if it is not a {@link Wire#PAGE} message (or says the owner has no such queue)
     * @throws IOException with the owner's reason if the owner refused the session ({@link Wire#REFUSED})
     */
    private String pagePath(byte[] first) throws IOException {
        byte op = Wire.op(first);
        if (op == Wire.PAGE) {
            return Wire.text(first);
        }
        if (op == Wire.REFUSED) {
            throw new IOException("the owner of " + name + " refused this process: " + Wire.text(first));
        }
        if (op == Wire.REPLY && Wire.replyStatus(first) == Wire.UNKNOWN_QUEUE) {
            throw new ProtocolException("the owner has no " + name + " (it was never exported there)");
        }
        throw new ProtocolException("expected the session page from the owner of " + name + ", got op " + op);
    }

    /** Sends one message, ignoring interruption (a half-sent frame would break the connection). */
    void send(byte[] message, int length) {
        Connection c = connection();
        try {
            Uninterruptibles.run(() -> c.sendBytes(message, 0, length));
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /** {@link #send} with the lock released around it (lock held on entry and exit). */
    void sendUnlocked(byte[] message) {
        lock.unlock();
        try {
            send(message, message.length);
        } finally {
            lock.lock();
        }
    }

    /**
     * Reads one message if no other thread is reading (filing it and waking the others), otherwise waits to be
     * woken; either until {@code deadline} at most. Lock held on entry and exit.
     */
    void readOrWaitLocked(long deadline) throws InterruptedException {
        if (reading) {
            Deadline.await(changed, deadline);
            return;
        }
        reading = true;
        Connection c = connection;
        Received message = null;
        IOException failure = null;
        boolean interrupted = false;
        lock.unlock();
        try {
            message = receive(c, deadline, pool);
        } catch (InterruptedIOException e) {
            if (c.isClosed()) {
                failure = e;
            } else {
                interrupted = true;
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            lock.lock();
            reading = false;
        }
        try {
            if (message != null) {
                fileLocked(message);
            }
        } catch (ProtocolException e) {
            failure = e;
        }
        if (failure != null) {
            markBrokenLocked(failure);
        } else {
            receiver.afterReadLocked();
        }
        changed.signalAll();
        if (interrupted) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while waiting on " + name);
        }
    }

    /**
     * The one timed receive: the next message if one arrives before {@code deadline}, else null. A message that
     * has begun to arrive is read whole whatever the interrupt status (a half-read frame would break the link).
     */
    private static Received receive(Connection c, long deadline, FramePool pool) throws IOException {
        long nanos = Deadline.remaining(deadline);
        Duration wait = deadline == Deadline.NONE ? READ_SLICE : Duration.ofNanos(Math.max(0, nanos));
        if (!c.poll(wait)) {
            return null;
        }
        return Uninterruptibles.call(() -> pool.receive(c));
    }

    /** Files a message from the owner: a reply under its request id, others to the receiver; unpacks batches. */
    private void fileLocked(Received received) throws ProtocolException {
        byte[] message = received.array();
        int size = received.length();
        byte op = Wire.op(message, 0, size);
        if (op != Wire.BATCH) {
            filePartLocked(message, 0, size, op, true);
            return;
        }
        int count = Wire.arg(message);
        int at = Wire.HEADER;
        for (int i = 0; i < count; i++) {
            int length = at + 4 <= size ? Wire.getInt(message, at) : -1;
            if (length < 0 || length > size - at - 4) {
                throw new ProtocolException("malformed BATCH from the owner of " + name + ": message " + i
                        + " of " + count + " overruns the frame of " + size + " bytes");
            }
            byte partOp = Wire.op(message, at + 4, length);
            if (partOp == Wire.BATCH) {
                throw new ProtocolException("nested BATCH from the owner of " + name);
            }
            filePartLocked(message, at + 4, length, partOp, false);
            at += 4 + length;
        }
    }

    private void filePartLocked(byte[] f, int offset, int length, byte op, boolean whole)
            throws ProtocolException {
        if (op == Wire.REPLY) {
            requests.fileReplyLocked(f, offset, length);
        } else {
            receiver.fileLocked(f, offset, length, op, whole);
        }
    }

    void checkOpen() {
        if (closed) {
            throw QueueErrors.closed(name);
        }
    }

    /** Throws if the queue was closed here or the link is broken (lock held). */
    void checkUsableLocked() {
        checkOpen();
        if (brokenBy != null) {
            throw QueueErrors.broken(name, brokenBy);
        }
    }

    /** Records that the connection failed, wakes every waiter, and returns the exception to throw here. */
    RuntimeException broken(Throwable cause) {
        lock.lock();
        try {
            return breakLocked(cause);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #broken} with the lock held. */
    RuntimeException breakLocked(Throwable cause) {
        markBrokenLocked(cause);
        changed.signalAll();
        if (closed) {
            return QueueErrors.closed(name);
        }
        return QueueErrors.broken(name, brokenBy);
    }

    private void markBrokenLocked(Throwable cause) {
        if (brokenBy == null && !closed) {
            brokenBy = cause;
            closeConnection();
        }
    }

    /** Closes the link for this process: waiting threads wake and throw {@link io.github.mp4j.QueueClosedException}. */
    void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        synchronized (connectLock) {
            closeConnection();
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void closeConnection() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                System.getLogger(OwnerLink.class.getName()).log(System.Logger.Level.DEBUG,
                        "closing the connection to the owner of {0} failed: {1}", name, e.getMessage());
            }
        }
    }
}
