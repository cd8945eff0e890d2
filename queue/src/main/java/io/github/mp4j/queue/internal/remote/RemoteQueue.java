package io.github.mp4j.queue.internal.remote;

import io.github.mp4j.DecodeException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.FrameBuffer;
import io.github.mp4j.queue.internal.ItemCodec;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.QueueErrors;
import io.github.mp4j.queue.internal.QueueRegistry;
import io.github.mp4j.queue.internal.SessionPage;
import io.github.mp4j.queue.internal.TaskEnd;
import io.github.mp4j.queue.internal.Wire;
import io.github.mp4j.queue.internal.remote.Requests.Reply;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue seen from a process other than its owner, over an {@link OwnerLink} to the owner.
 *
 * <p>Puts on an unbounded queue are written to the socket before {@code put} returns, with no round trip; bounded
 * puts wait for the owner's answer. Gets work with credits: a getter asks the owner for items, the owner sends
 * each item to the oldest credit, and replacement credits go out in runs (see {@link PrefetchWindow}). Every
 * {@code get} that returns an item first claims it in the session's {@link SessionPage}, shared memory the owner
 * reads (one compare-and-set), so an item is returned to user code at most once and items not claimed go back to
 * the queue if this process dies, without a message per item. {@code taskDone} counts there too and sends a
 * {@link Wire#READ_PAGE} only when this process holds no more tasks and a {@code join} waits at the owner (the page's
 * {@link SessionPage#joinWanted()}), so the join wakes promptly and tasks done while nobody joins cost no message. Timed-out
 * and interrupted waits cancel their credits or requests and wait for the owner's definitive answer.
 *
 * <p>Prefetched items do not stay with a process that stops calling {@code get}: when other getters wait on an
 * empty queue and this process's count has not moved for a while, the owner fences the page and takes back the
 * items it has not claimed. The next claim here then fails; this process drops its buffered items (and any that
 * arrive before the owner's {@link Wire#UNFENCE}), and on reading {@code UNFENCE} clears the fence, forgets the
 * credits the owner dropped, restarts its prefetch window at 1 and sends a {@link Wire#READ_PAGE} (the owner holds
 * credits that arrive while the page is fenced until it sees the fence cleared). A {@code get} in progress
 * meanwhile keeps waiting and asks for items again; no thread of this process is needed for any of it.
 *
 * <p>Items that arrive inside a {@link Wire#BATCH} stay in the batch's array and are decoded there.
 */
public final class RemoteQueue implements QueueBackend, OwnerLink.Receiver {
    /**
     * An item message received from the owner: {@code length} bytes of {@code frame} from {@code offset};
     * {@code whole} when it is the frame's only message, so the array goes back to the link's pool once used.
     */
    private record Item(byte[] frame, int offset, int length, boolean whole) {
    }

    private final QueueHandle handle;
    private final ItemCodec codec;
    private final String name;
    private final boolean joinable;
    private final OwnerLink link;
    private final Requests requests;
    private final ReentrantLock lock;

    // guarded by lock
    private final ArrayDeque<Item> buffer = new ArrayDeque<>();
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
    public RemoteQueue(QueueHandle handle, Serializer serializer, HandleRules rules) {
        this.handle = handle;
        this.codec = new ItemCodec(serializer, rules);
        this.name = QueueErrors.describe(handle.queueId(), handle.name(), handle.owner());
        this.joinable = handle.kind() == QueueKind.JOINABLE;
        this.link = new OwnerLink(handle, rules, name);
        this.link.receiver(this);
        this.lock = link.lock;
        this.requests = link.requests;
    }

    @Override
    public void put(Object item, long nanos) throws InterruptedException {
        link.checkOpen();
        FrameBuffer out = codec.encode(item);
        int id = 0;
        try {
            if (handle.maxsize() == 0) {
                Wire.writeHeader(out.array(), Wire.PUT, 0);
            } else {
                id = requests.newId();
                Wire.writeHeader(out.array(), nanos == 0 ? Wire.PUT_NOWAIT : Wire.PUT_WAIT, id);
            }
            link.send(out.array(), out.size());
        } finally {
            codec.release(out);
        }
        if (id == 0) {
            return;
        }
        lock.lock();
        try {
            Reply reply = nanos == 0 ? requests.awaitReplyUninterruptiblyLocked(id)
                    : requests.awaitOrCancelLocked(id, Deadline.afterNanos(nanos));
            if (reply.status() != Wire.OK) {
                throw QueueErrors.full(name, handle.maxsize(), nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object get(long nanos) throws InterruptedException {
        link.checkOpen();
        link.connection();
        SessionPage page = link.page();
        Item item;
        int credits;
        boolean readPage;
        lock.lock();
        try {
            link.checkUsableLocked();
            window.onGetStart(buffer.isEmpty());
            if (page.drainWanted()) {
                window.othersWaiting();
            }
            long deadline = Deadline.afterNanos(nanos);
            do {
                if (buffer.isEmpty()) {
                    if (nanos == 0) {
                        getNowLocked();
                    } else {
                        awaitItemLocked(nanos, deadline);
                    }
                }
                item = buffer.pollFirst();
            } while (!claimLocked(page, item));
            readPage = page.putsWaiting() || (buffer.isEmpty() && page.drainWanted());
            credits = window.topUp(outstanding, buffer.size());
            outstanding += credits;
            if (joinable) {
                takenNotDone++;
            }
            window.onReturn();
        } finally {
            lock.unlock();
        }
        if (credits > 0 || readPage) {
            byte[] m = Wire.message(credits > 0 ? Wire.CREDIT : Wire.READ_PAGE, credits);
            link.send(m, m.length);
        }
        try {
            Object decoded = codec.decode(item.frame(), item.offset(), item.length());
            // the decoded object never refers to the bytes it came from (a pipe decodes from its reused buffer too)
            giveBack(item);
            return decoded;
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
            int id = requests.newIdLocked();
            link.sendUnlocked(Wire.textMessage(Wire.DECODE_FAILED, id, QueueErrors.undecodable(e)));
            requests.awaitReplyUninterruptiblyLocked(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long tasksEnded(TaskEnd which) {
        link.checkOpen();
        link.connection();
        lock.lock();
        try {
            int id = requests.newIdLocked();
            byte[] m = new byte[Wire.HEADER + 1];
            Wire.writeHeader(m, Wire.TASK_COUNT, id);
            m[Wire.HEADER] = (byte) which.ordinal();
            link.sendUnlocked(m);
            return requests.awaitReplyUninterruptiblyLocked(id).value();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the item just taken from the buffer as returned, unless the owner has fenced this process: then it
     * and every other buffered item were taken back, and false says to wait for another (lock held).
     */
    private boolean claimLocked(SessionPage page, Item item) {
        if (page.claim(returnedCount)) {
            returnedCount++;
            return true;
        }
        if (!page.fenced()) {
            throw link.breakLocked(new ProtocolException("the session page for " + name + " counts "
                    + page.returnedWord() + " returned items, this process " + returnedCount));
        }
        giveBack(item);
        for (Item dropped : buffer) {
            giveBack(dropped);
        }
        buffer.clear();
        fenced = true;
        return false;
    }

    /** Gives {@code item}'s array back to the link's pool if the item had it to itself; nothing uses it after. */
    private void giveBack(Item item) {
        if (item.whole()) {
            link.pool().giveBack(item.frame());
        }
    }

    /**
     * Waits until the buffer holds an item, keeping enough credits at the owner (lock held); {@code nanos} is the
     * get's timeout, {@code deadline} its end.
     */
    private void awaitItemLocked(long nanos, long deadline) throws InterruptedException {
        waitingGetters++;
        try {
            while (buffer.isEmpty()) {
                link.checkUsableLocked();
                int want = Math.max(window.size(), waitingGetters);
                // Top up in runs, as get() does: only when a waiting getter has no credit at the owner, or the
                // credits there have fallen to half the window. A consumer that outpaces its producer otherwise
                // sends one credit message per item.
                boolean uncovered = outstanding < waitingGetters;
                boolean lowWater = outstanding <= window.size() / 2;
                if (outstanding < want && (uncovered || lowWater)) {
                    int more = want - outstanding;
                    outstanding += more;
                    link.sendUnlocked(Wire.message(Wire.CREDIT, more));
                    continue;
                }
                if (Deadline.passed(deadline)) {
                    cancelCreditsLocked();
                    if (buffer.isEmpty()) {
                        throw QueueErrors.empty(name, nanos);
                    }
                    return;
                }
                try {
                    link.readOrWaitLocked(deadline);
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
        int id = requests.newIdLocked();
        outstanding++;
        link.sendUnlocked(Wire.message(Wire.CREDIT, 1));
        link.sendUnlocked(Wire.message(Wire.CANCEL_CREDITS, id));
        awaitCancelledLocked(id);
        if (buffer.isEmpty()) {
            throw QueueErrors.empty(name, 0);
        }
    }

    /** Withdraws this process's credits at the owner; items sent before the answer stay buffered (lock held). */
    private void cancelCreditsLocked() {
        if (outstanding == 0) {
            return;
        }
        int id = requests.newIdLocked();
        link.sendUnlocked(Wire.message(Wire.CANCEL_CREDITS, id));
        awaitCancelledLocked(id);
    }

    /**
     * Waits for the answer to {@link Wire#CANCEL_CREDITS} request {@code id} and forgets the credits the owner
     * dropped (lock held). The wait releases the lock and files the items that arrive meanwhile, each taking one
     * credit off {@link #outstanding}; so the dropped credits come off the field as it is after the wait
     * ({@code outstanding -= await(...)} subtracts from the value read before it and undoes those items: a consumer
     * then believes credits are at the owner that are not, and waits for items that never come).
     */
    private void awaitCancelledLocked(int id) {
        int dropped = (int) requests.awaitReplyUninterruptiblyLocked(id).value();
        if (dropped < 0 || dropped > outstanding) {
            throw link.breakLocked(new ProtocolException("the owner of " + name + " cancelled " + dropped
                    + " credits but " + outstanding + " are outstanding"));
        }
        outstanding -= dropped;
    }

    @Override
    public int qsize() {
        link.checkOpen();
        link.connection();
        lock.lock();
        try {
            return (int) requests.askLocked(Wire.QSIZE).value();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void taskDone() {
        link.checkOpen();
        link.connection();
        SessionPage page = link.page();
        lock.lock();
        try {
            if (takenNotDone > 0) {
                takenNotDone--;
                page.done(++doneCount);
                // A fenced page means the buffered items are no longer this process's: it holds no more tasks.
                // Only a waiting join needs to hear it now; otherwise the count waits in the page (no message per
                // task) until this process's next message or the owner's next read.
                if (takenNotDone == 0 && (buffer.isEmpty() || page.fenced()) && page.joinWanted()) {
                    link.sendUnlocked(Wire.message(Wire.READ_PAGE, 0));
                }
                return;
            }
            if (requests.askLocked(Wire.TASK_DONE).status() == Wire.TOO_MANY_TASK_DONE) {
                throw QueueErrors.tooManyTaskDone();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        link.checkOpen();
        link.connection();
        long deadline = Deadline.afterNanos(nanos);
        lock.lock();
        try {
            int id = requests.newIdLocked();
            link.sendUnlocked(Wire.message(Wire.JOIN, id));
            return requests.awaitOrCancelLocked(id, deadline).status() == Wire.OK;
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
        link.close();
    }

    @Override
    public boolean isClosed() {
        return link.isClosed();
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

    /** Files an item into the buffer (in place: it may be a part of a batch), or an {@link Wire#UNFENCE}. */
    @Override
    public void fileLocked(byte[] f, int offset, int length, byte op, boolean whole) throws ProtocolException {
        if (op == Wire.ITEM) {
            if (outstanding <= 0) {
                throw new ProtocolException("the owner of " + name + " sent an item without a credit");
            }
            outstanding--;
            if (!fenced) {
                buffer.addLast(new Item(f, offset, length, whole));
            } else if (whole) {
                link.pool().giveBack(f);
            }
            window.onItem(length);
        } else if (op == Wire.UNFENCE) {
            unfenceLocked(Wire.arg(f, offset));
        } else {
            throw new ProtocolException("unexpected op " + op + " from the owner of " + name);
        }
    }

    /** After an {@link Wire#UNFENCE}, tells the owner the fence is cleared so it serves the credits it held. */
    @Override
    public void afterReadLocked() {
        if (unfenceToReport) {
            unfenceToReport = false;
            link.sendUnlocked(Wire.message(Wire.READ_PAGE, 0));
        }
    }

    /**
     * The owner took back every item it sent before this message that no get claimed, and dropped {@code dropped}
     * of this process's credits: forgets them, clears the fence and starts prefetching from a window of 1.
     */
    private void unfenceLocked(int dropped) throws ProtocolException {
        SessionPage page = link.page();
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
}
