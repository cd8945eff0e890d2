/*
 * Over 450 lines, knowingly: the attached process's proxy still holds the link to the owner (connect, request ids,
 * replies, leader/follower reads, broken state) and the queue logic on top (credits, claims, fence, tasks,
 * undecodable items). Issue 13 splits it along exactly that line, with the shared-memory session of issue 14
 * replacing the link's socket reads; the split is planned there rather than done twice.
 */
package io.github.mp4j.queue.internal;

import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.Connection;
import io.github.mp4j.DecodeException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.FrameBuffer;
import io.github.mp4j.spi.LocalProcess;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue seen from a process other than its owner: one connection to the owner, opened on first use and shared by
 * the process's threads.
 *
 * <p>Puts on an unbounded queue are written to the socket before {@code put} returns, with no round trip; bounded
 * puts wait for the owner's answer. Gets work with credits: a getter asks the owner for items, the owner sends
 * each item to the oldest credit, and replacement credits go out in runs (see {@link PrefetchWindow}). Every
 * {@code get} that returns an item first claims it in the session's {@link SessionPage}, shared memory the owner
 * reads (one compare-and-set), so an item is returned to user code at most once and items not claimed go back to
 * the queue if this process dies, without a message per item. {@code taskDone} counts there too and sends a
 * {@link Wire#SYNC} only when this process holds no more tasks (so a {@code join} wakes promptly). Timed-out and
 * interrupted waits cancel their credits or requests and wait for the owner's definitive answer.
 *
 * <p>Prefetched items do not stay with a process that stops calling {@code get}: when other getters wait on an
 * empty queue and this process's count has not moved for a while, the owner fences the page and takes back the
 * items it has not claimed. The next claim here then fails; this process drops its buffered items (and any that
 * arrive before the owner's {@link Wire#UNFENCE}), and on reading {@code UNFENCE} clears the fence, forgets the
 * credits the owner dropped, restarts its prefetch window at 1 and sends a {@link Wire#SYNC} (the owner holds
 * credits that arrive while the page is fenced until it sees the fence cleared). A {@code get} in progress
 * meanwhile keeps waiting and asks for items again; no thread of this process is needed for any of it.
 *
 * <p>Threads take turns reading the connection (leader/follower): a waiting thread reads one message if no other
 * thread is reading, files it (an item into the buffer, a reply by request id) and wakes the others; otherwise it
 * waits on a condition. The lock is never held during socket I/O.
 */
final class RemoteQueue implements QueueBackend {
    /** How long one untimed wait for a message lasts before it loops (nothing to do with timeouts). */
    private static final Duration POLL_SLICE = Duration.ofHours(1);

    private final QueueHandle handle;
    private final ItemCodec codec;
    private final String name;
    private final boolean joinable;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Object connectLock = new Object();
    private volatile Connection connection;
    /** Set once, before {@link #connection}, by the thread that connects. */
    private SessionPage page;
    private volatile boolean closed;

    // guarded by lock
    private Throwable brokenBy;
    private boolean reading;
    private int nextId;
    private final Map<Integer, byte[]> replies = new HashMap<>();
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
    private final PrefetchWindow window = new PrefetchWindow();
    private int outstanding;
    private int waitingGetters;
    private long takenNotDone;
    /** The count of items this process's gets returned, as in its page (it is the only one adding). */
    private long returnedCount;
    /** A claim failed on the owner's fence: items arriving before its {@link Wire#UNFENCE} are void. */
    private boolean fenced;
    /** An {@link Wire#UNFENCE} was read: the owner holds credits sent meanwhile until a message tells it. */
    private boolean unfenceToReport;
    private long doneCount;

    /**
     * A proxy for the queue {@code handle} names (already narrowed to {@code rules} by {@link QueueRegistry}),
     * decoding items with {@code serializer} under {@code rules}.
     */
    RemoteQueue(QueueHandle handle, Serializer serializer, HandleRules rules) {
        this.handle = handle;
        this.codec = new ItemCodec(serializer, rules);
        this.name = QueueErrors.describe(handle.queueId(), handle.name(), handle.owner());
        this.joinable = handle.kind() == QueueKind.JOINABLE;
    }

    // ------------------------------------------------------------------ operations

    @Override
    public void put(Object item, long nanos) throws InterruptedException {
        checkOpen();
        FrameBuffer out = codec.encode(item);
        int id = 0;
        try {
            if (handle.maxsize() == 0) {
                Wire.writeHeader(out.array(), Wire.PUT, 0);
            } else {
                id = newId();
                Wire.writeHeader(out.array(), nanos == 0 ? Wire.PUT_NOWAIT : Wire.PUT_WAIT, id);
            }
            send(out.array(), out.size());
        } finally {
            codec.release(out);
        }
        if (id == 0) {
            return;
        }
        lock.lock();
        try {
            byte[] reply = nanos == 0 ? awaitReplyUninterruptiblyLocked(id) : awaitOrCancelLocked(id, nanos);
            if (Wire.replyStatus(reply) != Wire.OK) {
                throw QueueErrors.full(name, handle.maxsize(), nanos);
            }
        } catch (ProtocolException e) {
            throw breakLocked(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object get(long nanos) throws InterruptedException {
        checkOpen();
        link();
        byte[] item;
        int credits;
        boolean sync;
        lock.lock();
        try {
            checkUsableLocked();
            window.onGetStart(buffer.isEmpty());
            long deadline = Timeouts.deadline(nanos);
            do {
                if (buffer.isEmpty()) {
                    if (nanos == 0) {
                        getNowLocked();
                    } else {
                        awaitItemLocked(nanos, deadline);
                    }
                }
                item = buffer.pollFirst();
            } while (!claimLocked());
            sync = page.wantsReturns() || (buffer.isEmpty() && page.wantsDrained());
            credits = window.topUp(outstanding, buffer.size());
            outstanding += credits;
            if (joinable) {
                takenNotDone++;
            }
            window.onReturn();
        } finally {
            lock.unlock();
        }
        if (credits > 0 || sync) {
            byte[] m = Wire.message(credits > 0 ? Wire.CREDIT : Wire.SYNC, credits);
            send(m, m.length);
        }
        try {
            return codec.decode(item);
        } catch (DecodeException e) {
            if (joinable) {
                taskDone();
            }
            try {
                reportUndecodable(e);
            } catch (RuntimeException lost) {
                e.addSuppressed(lost); // the owner is gone or the queue closed meanwhile: the decode error comes first
            }
            throw e;
        }
    }

    /** Tells the owner that a get here could not decode an item, and waits until it has counted it. */
    private void reportUndecodable(DecodeException e) {
        lock.lock();
        try {
            int id = newIdLocked();
            sendUnlocked(Wire.textMessage(Wire.DECODE_FAILED, id, QueueErrors.undecodable(e)));
            awaitReplyUninterruptiblyLocked(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long tasksEnded(TaskEnd which) {
        checkOpen();
        link();
        lock.lock();
        try {
            int id = newIdLocked();
            byte[] m = new byte[Wire.HEADER + 1];
            Wire.writeHeader(m, Wire.TASK_COUNT, id);
            m[Wire.HEADER] = (byte) which.ordinal();
            sendUnlocked(m);
            return Wire.replyValue(awaitReplyUninterruptiblyLocked(id));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the item just taken from the buffer as returned, unless the owner has fenced this process: then it
     * and every other buffered item were taken back, and false says to wait for another (lock held).
     */
    private boolean claimLocked() {
        if (page.claim(returnedCount)) {
            returnedCount++;
            return true;
        }
        if (!page.fenced()) {
            throw breakLocked(new ProtocolException("the session page for " + name + " counts "
                    + page.returnedWord() + " returned items, this process " + returnedCount));
        }
        buffer.clear();
        fenced = true;
        return false;
    }

    /**
     * Waits until the buffer holds an item, keeping enough credits at the owner (lock held); {@code nanos} is the
     * get's timeout, {@code deadline} its end.
     */
    private void awaitItemLocked(long nanos, long deadline) throws InterruptedException {
        waitingGetters++;
        try {
            while (buffer.isEmpty()) {
                checkUsableLocked();
                int want = Math.max(window.size(), waitingGetters);
                // Top up in runs, as get() does: only when a waiting getter has no credit at the owner, or the
                // credits there have fallen to half the window. A consumer that outpaces its producer otherwise
                // sends one credit message per item.
                boolean uncovered = outstanding < waitingGetters;
                boolean lowWater = outstanding <= window.size() / 2;
                if (outstanding < want && (uncovered || lowWater)) {
                    int more = want - outstanding;
                    outstanding += more;
                    sendUnlocked(Wire.message(Wire.CREDIT, more));
                    continue;
                }
                long remaining = Timeouts.remaining(nanos, deadline);
                if (nanos >= 0 && remaining <= 0) {
                    cancelCreditsLocked();
                    if (buffer.isEmpty()) {
                        throw QueueErrors.empty(name, nanos);
                    }
                    return;
                }
                try {
                    readOrWaitLocked(remaining);
                } catch (InterruptedException e) {
                    cancelCreditsLocked();
                    throw e;
                }
            }
        } finally {
            waitingGetters--;
        }
    }

    /** {@code getNowait} with an empty buffer: one credit, cancelled straight away (lock held). */
    private void getNowLocked() {
        int id = newIdLocked();
        outstanding++;
        sendUnlocked(Wire.message(Wire.CREDIT, 1));
        sendUnlocked(Wire.message(Wire.CANCEL_CREDITS, id));
        outstanding -= (int) Wire.replyValue(awaitReplyUninterruptiblyLocked(id));
        if (buffer.isEmpty()) {
            throw QueueErrors.empty(name, 0);
        }
    }

    /** Withdraws this process's credits at the owner; items sent before the answer stay buffered (lock held). */
    private void cancelCreditsLocked() {
        if (outstanding == 0) {
            return;
        }
        int id = newIdLocked();
        sendUnlocked(Wire.message(Wire.CANCEL_CREDITS, id));
        outstanding -= (int) Wire.replyValue(awaitReplyUninterruptiblyLocked(id));
    }

    /**
     * Waits up to {@code nanos} for the reply to request {@code id}; on timeout or interrupt cancels it and returns
     * the definitive answer. An interrupted request that completed anyway returns OK with the interrupt status set.
     *
     * @throws InterruptedException if interrupted and the request was cancelled
     */
    private byte[] awaitOrCancelLocked(int id, long nanos) throws InterruptedException, ProtocolException {
        byte[] reply;
        try {
            reply = awaitReplyLocked(id, nanos, true);
        } catch (InterruptedException e) {
            reply = cancelRequestLocked(id);
            if (Wire.replyStatus(reply) != Wire.OK) {
                throw e;
            }
            Thread.currentThread().interrupt();
        }
        return reply != null ? reply : cancelRequestLocked(id);
    }

    /** Cancels request {@code id} and returns the definitive answer: OK (it completed first) or CANCELLED. */
    private byte[] cancelRequestLocked(int id) {
        sendUnlocked(Wire.message(Wire.CANCEL, id));
        return awaitReplyUninterruptiblyLocked(id);
    }

    @Override
    public int qsize() {
        checkOpen();
        link();
        lock.lock();
        try {
            int id = newIdLocked();
            sendUnlocked(Wire.message(Wire.QSIZE, id));
            return (int) Wire.replyValue(awaitReplyUninterruptiblyLocked(id));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void taskDone() {
        checkOpen();
        link();
        lock.lock();
        try {
            if (takenNotDone > 0) {
                takenNotDone--;
                page.done(++doneCount);
                // A fenced page means the buffered items are no longer this process's: it holds no more tasks.
                if (takenNotDone == 0 && (buffer.isEmpty() || page.fenced())) {
                    sendUnlocked(Wire.message(Wire.SYNC, 0));
                }
                return;
            }
            int id = newIdLocked();
            sendUnlocked(Wire.message(Wire.TASK_DONE_SYNC, id));
            byte[] reply = awaitReplyUninterruptiblyLocked(id);
            if (Wire.replyStatus(reply) == Wire.TOO_MANY_TASK_DONE) {
                throw QueueErrors.tooManyTaskDone();
            }
        } catch (ProtocolException e) {
            throw breakLocked(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        checkOpen();
        link();
        lock.lock();
        try {
            int id = newIdLocked();
            sendUnlocked(Wire.message(Wire.JOIN, id));
            return Wire.replyStatus(awaitOrCancelLocked(id, nanos)) == Wire.OK;
        } catch (ProtocolException e) {
            throw breakLocked(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes this process's connection to the owner. Items it put are already with the owner; items sent to it
     * and not returned by a get go back to the front of the queue; waiting threads get
     * {@link io.github.mp4j.QueueClosedException}.
     */
    @Override
    public void close() {
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

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int maxsize() {
        return handle.maxsize();
    }

    @Override
    public QueueHandle handle() {
        return handle;
    }

    @Override
    public String describe() {
        return name;
    }

    // ------------------------------------------------------------------ connection and messages

    /** The connection to the owner, opened on first use. */
    private Connection link() {
        Connection c = connection;
        if (c != null) {
            return c;
        }
        synchronized (connectLock) {
            checkOpen();
            if (connection == null) {
                boolean interrupted = Thread.interrupted();
                try {
                    connection = connect();
                } catch (IOException e) {
                    throw broken(new IOException("cannot attach to " + handle.address() + ": " + e.getMessage(), e));
                } finally {
                    if (interrupted || Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return connection;
        }
    }

    /**
     * Connects and authenticates, names the queue and maps the session page the owner answers with. An interrupt
     * meanwhile does not abort it (the caller sees the interrupt status afterwards): connecting is short, and a
     * half-made handshake cannot be resumed.
     */
    private Connection connect() throws IOException {
        codec.rules().checkAddress(handle.address(), name); // again: the directory may have appeared since
        ConnectionOptions options = ConnectionOptions.builder().authkey(handle.authkey())
                .maxFrameLength(handle.maxFrameLength()).build();
        boolean interrupted = false;
        try {
            for (;;) {
                Connection fresh;
                try {
                    fresh = Client.connect(options, handle.address());
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
    private void send(byte[] message, int length) {
        Connection c = link();
        boolean interrupted = Thread.interrupted();
        try {
            c.sendBytes(message, 0, length);
        } catch (IOException e) {
            throw broken(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #send} with the lock released around it (lock held on entry and exit). */
    private void sendUnlocked(byte[] message) {
        lock.unlock();
        try {
            send(message, message.length);
        } finally {
            lock.lock();
        }
    }

    /**
     * Waits for the reply to request {@code id}, reading messages in turn with other threads.
     *
     * @return the reply, or null if {@code nanos} passed first
     */
    private byte[] awaitReplyLocked(int id, long nanos, boolean interruptible) throws InterruptedException {
        long deadline = Timeouts.deadline(nanos);
        boolean interrupted = false;
        try {
            for (;;) {
                byte[] reply = replies.remove(id);
                if (reply != null) {
                    return reply;
                }
                checkUsableLocked();
                long remaining = Timeouts.remaining(nanos, deadline);
                if (nanos >= 0 && remaining <= 0) {
                    return null;
                }
                try {
                    readOrWaitLocked(remaining);
                } catch (InterruptedException e) {
                    if (interruptible) {
                        throw e;
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private byte[] awaitReplyUninterruptiblyLocked(int id) {
        try {
            return awaitReplyLocked(id, Timeouts.FOREVER, false);
        } catch (InterruptedException e) {
            throw new AssertionError("uninterruptible wait was interrupted", e);
        }
    }

    /**
     * Reads one message if no other thread is reading (filing it and waking the others), otherwise waits to be
     * woken; either for at most {@code nanos} ({@link Timeouts#FOREVER}: no limit). Lock held on entry and exit.
     */
    private void readOrWaitLocked(long nanos) throws InterruptedException {
        if (reading) {
            if (nanos < 0) {
                changed.await();
            } else {
                changed.awaitNanos(nanos);
            }
            return;
        }
        reading = true;
        Connection c = connection;
        byte[] message = null;
        IOException failure = null;
        boolean interrupted = false;
        lock.unlock();
        try {
            if (c.poll(nanos < 0 ? POLL_SLICE : Duration.ofNanos(nanos))) {
                boolean wasInterrupted = Thread.interrupted();
                try {
                    message = c.recvBytes();
                } finally {
                    if (wasInterrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
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
        } else if (unfenceToReport) {
            unfenceToReport = false;
            sendUnlocked(Wire.message(Wire.SYNC, 0));
        }
        changed.signalAll();
        if (interrupted) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while waiting on " + name);
        }
    }

    /** Files a message from the owner: an item into the buffer, a reply under its request id; unpacks batches. */
    private void fileLocked(byte[] message) throws ProtocolException {
        byte op = Wire.op(message);
        if (op == Wire.BATCH) {
            int count = Wire.arg(message);
            int at = Wire.HEADER;
            for (int i = 0; i < count; i++) {
                int length = at + 4 <= message.length ? Wire.getInt(message, at) : -1;
                if (length < 0 || at + 4 + length > message.length) {
                    throw new ProtocolException("malformed BATCH from the owner of " + name + ": message " + i
                            + " of " + count + " overruns the frame of " + message.length + " bytes");
                }
                byte[] part = Arrays.copyOfRange(message, at + 4, at + 4 + length);
                if (Wire.op(part) == Wire.BATCH) {
                    throw new ProtocolException("nested BATCH from the owner of " + name);
                }
                fileLocked(part);
                at += 4 + length;
            }
        } else if (op == Wire.ITEM) {
            if (outstanding <= 0) {
                throw new ProtocolException("the owner of " + name + " sent an item without a credit");
            }
            outstanding--;
            if (!fenced) {
                buffer.addLast(message);
            }
            window.onItem(message.length);
        } else if (op == Wire.UNFENCE) {
            unfenceLocked(Wire.arg(message));
        } else if (op == Wire.REPLY) {
            Wire.replyStatus(message);
            replies.put(Wire.arg(message), message);
        } else {
            throw new ProtocolException("unexpected op " + op + " from the owner of " + name);
        }
    }

    /**
     * The owner took back every item it sent before this message that no get claimed, and dropped {@code dropped}
     * of this process's credits: forgets them, clears the fence and starts prefetching from a window of 1.
     */
    private void unfenceLocked(int dropped) throws ProtocolException {
        if (dropped < 0 || dropped > outstanding) {
            throw new ProtocolException("UNFENCE from the owner of " + name + " drops " + dropped
                    + " credits but " + outstanding + " are outstanding");
        }
        if (!page.unfence(returnedCount)) {
            throw new ProtocolException("UNFENCE from the owner of " + name + " but the session page is not fenced"
                    + " at " + returnedCount + " returned items (its word is " + page.returnedWord() + ")");
        }
        outstanding -= dropped;
        buffer.clear();
        fenced = false;
        unfenceToReport = true;
        window.restart();
    }

    private int newId() {
        lock.lock();
        try {
            return newIdLocked();
        } finally {
            lock.unlock();
        }
    }

    private int newIdLocked() {
        int id = ++nextId;
        if (id == 0) {
            id = ++nextId;
        }
        return id;
    }

    private void checkOpen() {
        if (closed) {
            throw QueueErrors.closed(name);
        }
    }

    private void checkUsableLocked() {
        checkOpen();
        if (brokenBy != null) {
            throw QueueErrors.broken(name, brokenBy);
        }
    }

    /** Records that the connection failed, wakes every waiter, and returns the exception to throw here. */
    private RuntimeException broken(Throwable cause) {
        lock.lock();
        try {
            return breakLocked(cause);
        } finally {
            lock.unlock();
        }
    }

    private RuntimeException breakLocked(Throwable cause) {
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

    private void closeConnection() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                System.getLogger(RemoteQueue.class.getName()).log(System.Logger.Level.DEBUG,
                        "closing the connection to the owner of {0} failed: {1}", name, e.getMessage());
            }
        }
    }
}
