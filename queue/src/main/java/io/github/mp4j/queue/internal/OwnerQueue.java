/*
 * Over 450 lines, knowingly: the owner's queue still holds four concepts that issue 13 names and splits — the local
 * queue with its waiters, the protocol handler (onMessage and the remote put/credit/cancel/task handlers), the
 * idle-consumer fence (now also the per-producer order rule), and the per-session ledger. They share one lock and
 * the waiter list; the split moves that lock's contract into the queue class and hands the others narrow views, and
 * it is planned with the owner-side batching of issue 14, which changes the handler and the ledger.
 */
package io.github.mp4j.queue.internal;

import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.DecodeException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.queue.OnWorkerDeath;
import io.github.mp4j.queue.internal.Waiters.LocalGetter;
import io.github.mp4j.queue.internal.Waiters.PutWaiter;
import io.github.mp4j.queue.internal.Waiters.RemoteRequest;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A queue in the process that created it: holds the items as encoded messages and does all the synchronisation.
 *
 * <p>One lock guards everything. Items wait in {@code items}; getters wait in {@code getWaiters} in arrival order,
 * local threads ({@link LocalGetter}) and remote credits (the {@link OwnerSession}, once per credit) alike; when
 * the queue is bounded, puts wait in {@code putWaiters}. An item goes straight to the oldest getter unless that
 * getter is blocked ({@link #blockedLocked}): another session holds items sent to it and not yet claimed, which
 * are older than every queued item, and the getter may not overtake them (else, were they taken back from an idle
 * consumer, it would receive them after a later item). So {@code items} and {@code getWaiters} are both non-empty
 * only while the oldest getter is blocked; the session it waits on then sends a {@link Wire#SYNC} when a get empties
 * its buffer ({@link SessionPage#wantsDrained}), and an idle check takes the items back if it stops getting. Items sent to a remote consumer that its gets have
 * not yet returned are in flight: they count in {@link #qsize()} and go back to the front of the queue if that
 * consumer's connection ends. A consumer does not send a message per returned item or finished task: it counts them
 * in its session's {@link SessionPage}, which the owner reads ({@link #syncLocked}) on each message from it, for
 * exact counts ({@code qsize}, {@code join}, room in a bounded queue) and when its connection ends; while puts wait
 * for room the pages ask consumers for a {@link Wire#SYNC} after each get. Messages to sessions are queued under
 * the lock and written after it is released: by the session thread that caused them ({@link #unlockAndFlush()}),
 * or, for the owner's own put and get and the idle checks, which never touch a socket, by the receiving session's
 * writer thread ({@link #unlockAndWake()}).
 *
 * <p><b>Idle consumers.</b> A consumer that stops calling {@code get} while it holds prefetched items does not
 * keep them from other getters. Whenever a getter starts waiting while some other session has items in flight, or
 * an item goes to a session while others wait, an idle check is scheduled ({@link IdleChecks}; one pending check
 * per queue, none while no such situation exists). A session that holds items in flight while getters other than
 * its own credits wait, and whose page's returned count stayed the same across two checks
 * {@link IdleChecks#IDLE_MILLIS} apart, is fenced ({@link SessionPage#fence}): if that compare-and-set wins against
 * the consumer's next claim, its items in flight go back to the front of the queue in their order and on to the
 * waiting getters, its waiting credits are dropped, and an {@link Wire#UNFENCE} saying how many is queued to it
 * before anything else can be. Revoked items were never the consumer's tasks; qsize counts them throughout.
 */
final class OwnerQueue implements QueueBackend {
    private static final System.Logger LOG = System.getLogger(OwnerQueue.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();
    /** The most credits one message may grant. */
    private static final int MAX_CREDITS = 1 << 16;
    private static final OwnerSession[] NO_SESSIONS = new OwnerSession[0];

    final ReentrantLock lock = new ReentrantLock();

    private final int id = IDS.incrementAndGet();
    private final QueueKind kind;
    private final int maxsize;
    private final ItemCodec codec;
    private final ConnectionOptions options;
    private final OnWorkerDeath onWorkerDeath;
    private final String name;

    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    private final ArrayDeque<Object> getWaiters = new ArrayDeque<>();
    private final ArrayDeque<PutWaiter> putWaiters = new ArrayDeque<>();
    private final ArrayDeque<OwnerSession> dirty = new ArrayDeque<>();
    private final List<RemoteRequest> joinWaiters = new ArrayList<>();
    private final List<OwnerSession> sessions = new ArrayList<>();
    /** What the session pages say about puts waiting for room (the last value published). */
    private boolean wantsReturns;
    private final Condition allDone = lock.newCondition();
    private int inFlight;
    /** Whether an idle check is scheduled. */
    private boolean idleCheckScheduled;
    /** Sessions fenced so far (their prefetched items taken back). */
    private long fences;
    private long unfinished;
    private long requeuedTasks;
    private long countedAsDone;
    private long undecodable;
    private volatile boolean closed;
    private volatile QueueHandle handle;
    private SimpleQueueView<?> view;

    private final String queueName;

    /** @param queueName the name given at creation, or null */
    OwnerQueue(QueueKind kind, int maxsize, ConnectionOptions options, OnWorkerDeath onWorkerDeath,
               String queueName) {
        this.queueName = queueName;
        this.kind = kind;
        this.maxsize = Math.max(0, maxsize);
        this.options = options;
        this.codec = new ItemCodec(options.serializer(), HandleRules.receiving(options.serializer().name(),
                options.typePolicy(), options.maxFrameLength(), options.attachHandlesOverTcp(),
                options::socketDirectory));
        this.onWorkerDeath = onWorkerDeath;
        this.name = QueueErrors.describe(id, queueName, LocalProcess.id());
    }

    int id() {
        return id;
    }

    QueueKind kind() {
        return kind;
    }

    /** The view the factory made for this queue; what a handle resolves to in this process. */
    SimpleQueueView<?> view() {
        return view;
    }

    void view(SimpleQueueView<?> view) {
        this.view = view;
    }

    // ------------------------------------------------------------------ local operations

    @Override
    public void put(Object item, long nanos) throws InterruptedException {
        checkOpen();
        byte[] frame = codec.encodeFrame(item);
        lock.lock();
        try {
            checkOpen();
            if (hasRoomLocked()) {
                acceptLocked(frame);
                return;
            }
            if (nanos == 0) {
                throw QueueErrors.full(name, maxsize, 0);
            }
            PutWaiter w = new PutWaiter(frame, lock.newCondition(), null, 0);
            putWaiters.addLast(w);
            publishWantsLocked();
            awaitPut(w, nanos);
        } finally {
            unlockAndWake();
        }
    }

    private void awaitPut(PutWaiter w, long nanos) throws InterruptedException {
        long remaining = nanos;
        try {
            while (!w.done) {
                if (closed) {
                    putWaiters.remove(w);
                    throw QueueErrors.closed(name);
                }
                if (nanos < 0) {
                    w.wakeup.await();
                } else if (remaining <= 0) {
                    putWaiters.remove(w);
                    throw QueueErrors.full(name, maxsize, nanos);
                } else {
                    remaining = w.wakeup.awaitNanos(remaining);
                }
            }
        } catch (InterruptedException e) {
            if (w.done) {
                Thread.currentThread().interrupt();
                return;
            }
            putWaiters.remove(w);
            throw e;
        }
    }

    @Override
    public Object get(long nanos) throws InterruptedException {
        checkOpen();
        byte[] frame;
        lock.lock();
        try {
            checkOpen();
            frame = getWaiters.isEmpty() && !blockedLocked(null) ? items.pollFirst() : null;
            if (frame == null) {
                if (nanos == 0) {
                    throw QueueErrors.empty(name, 0);
                }
                LocalGetter g = new LocalGetter(lock.newCondition());
                getWaiters.addLast(g);
                if (inFlight > 0) {
                    watchIdleLocked();
                }
                frame = awaitGet(g, nanos);
            }
            admitPutsLocked();
        } finally {
            unlockAndWake();
        }
        try {
            return codec.decode(frame);
        } catch (DecodeException e) {
            lock.lock();
            try {
                if (kind == QueueKind.JOINABLE) {
                    syncAllLocked();
                    finishTasksLocked(Math.min(1, unfinished));
                }
                undecodableLocked(LocalProcess.id() + " (the owner)", QueueErrors.undecodable(e));
            } finally {
                unlockAndWake();
            }
            throw e;
        }
    }

    /**
     * Counts and logs an item that a get of {@code consumer} could not decode (lock held); for a joinable queue its
     * task was already counted as done.
     */
    private void undecodableLocked(String consumer, String what) {
        if (kind == QueueKind.JOINABLE) {
            undecodable++;
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: a get in {1} could not decode an item ({2}); the item is consumed"
                + (kind == QueueKind.JOINABLE ? " and its task counted as done (taskDone() must not be called"
                + " for it)" : ""), name, consumer, what);
    }

    private byte[] awaitGet(LocalGetter g, long nanos) throws InterruptedException {
        long remaining = nanos;
        try {
            while (g.item == null) {
                if (closed) {
                    getWaiters.remove(g);
                    throw QueueErrors.closed(name);
                }
                if (nanos < 0) {
                    g.wakeup.await();
                } else if (remaining <= 0) {
                    getWaiters.remove(g);
                    throw QueueErrors.empty(name, nanos);
                } else {
                    remaining = g.wakeup.awaitNanos(remaining);
                }
            }
            return g.item;
        } catch (InterruptedException e) {
            if (g.item != null) {
                Thread.currentThread().interrupt();
                return g.item;
            }
            getWaiters.remove(g);
            throw e;
        }
    }

    @Override
    public int qsize() {
        lock.lock();
        try {
            return countLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void taskDone() {
        lock.lock();
        try {
            syncAllLocked();
            if (unfinished == 0) {
                throw QueueErrors.tooManyTaskDone();
            }
            finishTasksLocked(1);
        } finally {
            unlockAndWake();
        }
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = nanos;
            while (syncAllLocked() && unfinished > 0) {
                if (nanos < 0) {
                    allDone.await();
                } else if (remaining <= 0) {
                    return false;
                } else {
                    remaining = allDone.awaitNanos(remaining);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops use of the queue in this (the owner) process only; attached processes keep using it. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Object w : getWaiters) {
                if (w instanceof LocalGetter) {
                    ((LocalGetter) w).wakeup.signal();
                }
            }
            for (PutWaiter w : putWaiters) {
                if (w.session == null) {
                    w.wakeup.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public String describe() {
        return name;
    }

    /** Exports the queue to this JVM's queue server (started on first use) and describes where to reach it. */
    @Override
    public QueueHandle handle() {
        QueueHandle h = handle;
        if (h == null) {
            synchronized (this) {
                h = handle;
                if (h == null) {
                    QueueServer server = QueueServer.forOptions(options);
                    server.export(this);
                    h = new QueueHandle(server.address(), server.authkey(), id, kind, maxsize,
                            codec.serializerName(), codec.policy(), options.maxFrameLength(), LocalProcess.id(), queueName);
                    handle = h;
                }
            }
        }
        return h;
    }

    @Override
    public long tasksEnded(TaskEnd which) {
        return underLock(() -> countLocked(which));
    }

    private long countLocked(TaskEnd which) {
        switch (which) {
            case REQUEUED:
                return requeuedTasks;
            case COUNTED_AS_DONE:
                return countedAsDone;
            default:
                return undecodable;
        }
    }

    /** Items sent to attached processes that their gets have not returned (by their session pages). */
    int inFlightItems() {
        return (int) underLock(() -> syncAllLocked() ? inFlight : 0);
    }

    /** Times an idle consumer's prefetched items were taken back for other getters. */
    long fences() {
        return underLock(() -> fences);
    }

    /** Puts waiting for room in this bounded queue: local threads and remote requests. */
    int waitingPuts() {
        return (int) underLock(putWaiters::size);
    }

    /** Attached processes whose connection has not ended yet (as far as the owner has seen). */
    int attachedSessions() {
        return (int) underLock(sessions::size);
    }

    /** Getters waiting at the owner: local threads plus outstanding remote credits. */
    int waitingGetters() {
        return (int) underLock(getWaiters::size);
    }

    /** Reads a count with the lock held (for the diagnostic accessors above). */
    private long underLock(LongSupplier count) {
        lock.lock();
        try {
            return count.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw QueueErrors.closed(name);
        }
    }

    // ------------------------------------------------------------------ remote operations (session threads)

    /**
     * Handles one message from an attached process.
     *
     * @throws ProtocolException if the message is malformed or not allowed for this queue; the session ends
     */
    void onMessage(OwnerSession s, byte[] f) throws ProtocolException {
        byte op = Wire.op(f);
        int arg = Wire.arg(f);
        lock.lock();
        try {
            if (!syncLocked(s)) {
                throw new ProtocolException("the session page of " + s.peer() + " for " + name
                        + " holds impossible counts");
            }
            admitPutsLocked();
            handToWaitingLocked();
            if (s.fenced && !s.page.fenced()) {
                unfencedLocked(s);
            }
            switch (op) {
                case Wire.PUT:
                    require(maxsize == 0, "PUT is only for unbounded queues");
                    acceptLocked(f);
                    break;
                case Wire.PUT_NOWAIT:
                case Wire.PUT_WAIT:
                    require(maxsize > 0, "PUT_NOWAIT/PUT_WAIT are only for bounded queues");
                    remotePutLocked(s, arg, f, op == Wire.PUT_WAIT);
                    break;
                case Wire.CREDIT:
                    if (s.fenced) {
                        s.heldCredits = checkedCount(s.heldCredits + checkedCount(arg, 1), 1);
                    } else {
                        creditsLocked(s, checkedCount(arg, 1));
                    }
                    break;
                case Wire.SYNC:
                    break;
                case Wire.CANCEL_CREDITS:
                    cancelCreditsLocked(s, arg);
                    break;
                case Wire.CANCEL:
                    cancelRequestLocked(s, arg);
                    break;
                case Wire.QSIZE:
                    s.sendLocked(Wire.reply(arg, Wire.OK, countLocked()));
                    break;
                case Wire.TASK_DONE_SYNC:
                    require(kind == QueueKind.JOINABLE, "TASK_DONE_SYNC is only for joinable queues");
                    syncAllLocked();
                    if (unfinished == 0) {
                        s.sendLocked(Wire.reply(arg, Wire.TOO_MANY_TASK_DONE, 0));
                    } else {
                        finishTasksLocked(1);
                        s.sendLocked(Wire.reply(arg, Wire.OK, 0));
                    }
                    break;
                case Wire.DECODE_FAILED:
                    undecodableLocked(s.peer(), QueueErrors.printable(Wire.text(f)));
                    s.sendLocked(Wire.reply(arg, Wire.OK, 0));
                    break;
                case Wire.TASK_COUNT:
                    require(kind == QueueKind.JOINABLE && f.length == Wire.HEADER + 1
                            && f[Wire.HEADER] >= 0 && f[Wire.HEADER] < TaskEnd.values().length,
                            "TASK_COUNT is only for joinable queues, with one byte naming the count");
                    s.sendLocked(Wire.reply(arg, Wire.OK, countLocked(TaskEnd.values()[f[Wire.HEADER]])));
                    break;
                case Wire.JOIN:
                    require(kind == QueueKind.JOINABLE, "JOIN is only for joinable queues");
                    syncAllLocked();
                    if (unfinished == 0) {
                        s.sendLocked(Wire.reply(arg, Wire.OK, 0));
                    } else {
                        joinWaiters.add(new RemoteRequest(s, arg));
                    }
                    break;
                default:
                    throw new ProtocolException("unknown queue op " + op + " from " + s.peer() + " for " + name);
            }
        } finally {
            unlockAndFlush();
        }
    }

    private void remotePutLocked(OwnerSession s, int requestId, byte[] f, boolean wait) {
        if (hasRoomLocked()) {
            acceptLocked(f);
            s.sendLocked(Wire.reply(requestId, Wire.OK, 0));
        } else if (wait) {
            putWaiters.addLast(new PutWaiter(f, null, s, requestId));
            publishWantsLocked();
        } else {
            s.sendLocked(Wire.reply(requestId, Wire.FULL, 0));
        }
    }

    private void creditsLocked(OwnerSession s, int n) {
        for (int i = 0; i < n; i++) {
            if (items.isEmpty() || !getWaiters.isEmpty() || blockedLocked(s)) {
                getWaiters.addLast(s);
                s.creditsWaiting++;
            } else {
                handToSessionLocked(s, items.pollFirst());
            }
        }
        if (s.creditsWaiting > 0 && inFlight > s.inFlight.size()) {
            watchIdleLocked();
        }
    }

    private void cancelCreditsLocked(OwnerSession s, int requestId) {
        int removed = 0;
        for (var it = getWaiters.iterator(); it.hasNext(); ) {
            if (it.next() == s) {
                it.remove();
                removed++;
            }
        }
        s.creditsWaiting -= removed;
        removed += s.heldCredits;
        s.heldCredits = 0;
        s.sendLocked(Wire.reply(requestId, Wire.CANCELLED, removed));
    }

    private void cancelRequestLocked(OwnerSession s, int requestId) {
        boolean removed = putWaiters.removeIf(w -> w.session == s && w.requestId == requestId)
                || joinWaiters.removeIf(r -> r.session() == s && r.requestId() == requestId);
        if (removed) {
            s.sendLocked(Wire.reply(requestId, Wire.CANCELLED, 0));
        }
    }

    /**
     * Called once when a session's connection has ended: drops its credits and requests, and puts the items in
     * flight to it (and, for a joinable queue, its unfinished tasks as {@link OnWorkerDeath} says) back at the
     * front of the queue in their original order.
     */
    void sessionEnded(OwnerSession s) {
        lock.lock();
        try {
            syncLocked(s);
            sessions.remove(s);
            s.endLocked();
            getWaiters.removeIf(w -> w == s);
            putWaiters.removeIf(w -> w.session == s);
            joinWaiters.removeIf(r -> r.session() == s);
            List<byte[]> back = new ArrayList<>(s.taken.size() + s.inFlight.size());
            int tasks = s.taken.size();
            if (tasks > 0) {
                if (onWorkerDeath == OnWorkerDeath.REQUEUE) {
                    back.addAll(s.taken);
                    requeuedTasks += tasks;
                    LOG.log(System.Logger.Level.INFO, "{0}: {1} ended holding {2} unfinished task(s); requeued",
                            name, s.peer(), tasks);
                } else {
                    countedAsDone += tasks;
                    LOG.log(System.Logger.Level.WARNING, "{0}: {1} ended holding {2} unfinished task(s);"
                            + " counted as done (onWorkerDeath=COUNT_AS_DONE)", name, s.peer(), tasks);
                    finishTasksLocked(Math.min(tasks, unfinished));
                }
                s.taken.clear();
            }
            back.addAll(s.inFlight);
            inFlight -= s.inFlight.size();
            s.inFlight.clear();
            for (int i = back.size() - 1; i >= 0; i--) {
                items.addFirst(back.get(i));
            }
            handToWaitingLocked();
            admitPutsLocked();
        } finally {
            unlockAndFlush();
        }
    }

    /** Called once by a new session before it reads messages: from now on its page is read for exact counts. */
    void sessionStarted(OwnerSession s) {
        lock.lock();
        try {
            sessions.add(s);
            s.page.wantsReturns(wantsReturns);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes in what a session's page says: items its gets returned leave {@code inFlight} (for a joinable queue,
     * they become tasks it took), tasks it marked done finish. Returns false, and ignores the page from then on,
     * if the counts are impossible (they went back, or exceed what was sent); the session's next message ends it.
     */
    private boolean syncLocked(OwnerSession s) {
        if (s.pageBroken) {
            return false;
        }
        // done before returned: the process counts a return before the task's done, so this order never sees a
        // done without its return.
        long done = kind == QueueKind.JOINABLE ? s.page.done() : 0;
        long returned = s.page.returned();
        long newlyReturned = returned - s.returnedSeen;
        if (newlyReturned != 0) {
            if (newlyReturned < 0 || newlyReturned > s.inFlight.size()) {
                return pageBrokenLocked(s, "returned=" + returned + " but " + s.returnedSeen
                        + " were returned before and " + s.inFlight.size() + " are in flight to it");
            }
            for (long i = 0; i < newlyReturned; i++) {
                byte[] item = s.inFlight.pollFirst();
                if (kind == QueueKind.JOINABLE) {
                    s.taken.addLast(item);
                }
            }
            inFlight -= (int) newlyReturned;
            s.returnedSeen = returned;
        }
        if (kind == QueueKind.JOINABLE) {
            long newlyDone = done - s.doneSeen;
            if (newlyDone != 0) {
                if (newlyDone < 0 || newlyDone > s.taken.size()) {
                    return pageBrokenLocked(s, "done=" + done + " but " + s.doneSeen + " were done before and "
                            + s.taken.size() + " tasks are taken by it");
                }
                for (long i = 0; i < newlyDone; i++) {
                    s.taken.pollFirst();
                }
                s.doneSeen = done;
                if (newlyDone > unfinished) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: taskDone() from {1} called too many times; ignored",
                            name, s.peer());
                }
                finishTasksLocked(Math.min(newlyDone, unfinished));
            }
        }
        return true;
    }

    private boolean pageBrokenLocked(OwnerSession s, String what) {
        s.pageBroken = true;
        LOG.log(System.Logger.Level.WARNING, "{0}: the session page of {1} holds impossible counts ({2});"
                + " ignoring it and ending the session at its next message", name, s.peer(), what);
        return false;
    }

    // ------------------------------------------------------------------ idle consumers

    /** Schedules an idle check unless one is pending (lock held). */
    private void watchIdleLocked() {
        if (!idleCheckScheduled) {
            idleCheckScheduled = true;
            IdleChecks.schedule(this::checkIdleSessions);
        }
    }

    /**
     * The idle check: fences each session that holds items in flight while other getters wait and whose returned
     * count has not moved since the previous check; schedules the next check while any such session remains.
     */
    private void checkIdleSessions() {
        lock.lock();
        try {
            idleCheckScheduled = false;
            boolean watching = false;
            for (int i = 0, n = sessions.size(); i < n; i++) {
                OwnerSession s = sessions.get(i);
                if (!syncLocked(s) || s.inFlight.isEmpty() || getWaiters.size() <= s.creditsWaiting) {
                    s.watched = false;
                } else if (!(s.watched && s.returnedAtCheck == s.returnedSeen && fenceLocked(s))) {
                    s.watched = true;
                    s.returnedAtCheck = s.returnedSeen;
                    watching = true;
                }
            }
            handToWaitingLocked();
            if (watching) {
                watchIdleLocked();
            }
        } finally {
            unlockAndWake();
        }
    }

    /**
     * Takes back the items in flight to {@code s} that its page does not count as returned, unless it returns one
     * first: they go to the front of the queue and on to the waiting getters, {@code s}'s waiting credits are
     * dropped, and {@code s} is told with an {@link Wire#UNFENCE} (lock held; {@code s} was just synced).
     *
     * @return whether the fence won
     */
    private boolean fenceLocked(OwnerSession s) {
        if (!s.page.fence(s.returnedSeen)) {
            return false;
        }
        s.watched = false;
        s.fenced = true;
        fences++;
        int dropped = s.creditsWaiting;
        if (dropped > 0) {
            getWaiters.removeIf(w -> w == s);
            s.creditsWaiting = 0;
        }
        int revoked = s.inFlight.size();
        for (byte[] item = s.inFlight.pollLast(); item != null; item = s.inFlight.pollLast()) {
            items.addFirst(item);
        }
        inFlight -= revoked;
        s.sendLocked(Wire.message(Wire.UNFENCE, dropped));
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} sat on {2} prefetched item(s) while others waited; took them"
                + " back", name, s.peer(), revoked);
        // A taskDone that read the page unfenced just before the fence sent no SYNC: read its count now.
        syncLocked(s);
        handToWaitingLocked();
        return true;
    }

    /** {@code s} has read its {@link Wire#UNFENCE} and cleared the fence: serves the credits it sent meanwhile. */
    private void unfencedLocked(OwnerSession s) {
        s.fenced = false;
        int held = s.heldCredits;
        s.heldCredits = 0;
        if (held > 0) {
            creditsLocked(s, held);
        }
    }

    /** {@link #syncLocked} for every session; returns true (for use in loop conditions). */
    private boolean syncAllLocked() {
        for (int i = 0, n = sessions.size(); i < n; i++) {
            syncLocked(sessions.get(i));
        }
        return true;
    }

    /**
     * Tells the sessions' pages whether puts wait for room (then consumers send a {@link Wire#SYNC} after each get)
     * and which sessions a blocked getter waits on (then they send one when a get empties their buffer). After
     * raising a flag, reads the pages again: a get that returned just before it saw the flag left room or claimed
     * the last item a getter waited on.
     */
    private void publishWantsLocked() {
        boolean want = !putWaiters.isEmpty();
        boolean raised = want && !wantsReturns;
        if (want != wantsReturns) {
            wantsReturns = want;
            for (int i = 0, n = sessions.size(); i < n; i++) {
                sessions.get(i).page.wantsReturns(want);
            }
        }
        // a getter waits behind items some session holds unclaimed (blockedLocked): it reports when it has claimed
        // all it holds (a get that empties its buffer)
        boolean getterBlocked = !items.isEmpty() && !getWaiters.isEmpty();
        for (int i = 0, n = sessions.size(); i < n; i++) {
            OwnerSession s = sessions.get(i);
            boolean drain = getterBlocked && !s.inFlight.isEmpty();
            if (drain != s.drainWanted) {
                s.drainWanted = drain;
                s.page.wantsDrained(drain);
                raised |= drain;
            }
        }
        if (raised) {
            syncAllLocked();
            admitPutsLocked();
            handToWaitingLocked();
        }
    }

    private static void require(boolean condition, String what) throws ProtocolException {
        if (!condition) {
            throw new ProtocolException("protocol error: " + what);
        }
    }

    private static int checkedCount(int n, int min) throws ProtocolException {
        if (n < min || n > MAX_CREDITS) {
            throw new ProtocolException("count " + n + " out of range [" + min + ", " + MAX_CREDITS + "]");
        }
        return n;
    }

    // ------------------------------------------------------------------ core (lock held)

    private int countLocked() {
        syncAllLocked();
        return items.size() + inFlight;
    }

    private boolean hasRoomLocked() {
        return maxsize == 0 || (putWaiters.isEmpty() && countLocked() < maxsize);
    }

    /** A new item enters the queue: one more unfinished task, then to the oldest getter or the tail. */
    private void acceptLocked(byte[] frame) {
        if (kind == QueueKind.JOINABLE) {
            unfinished++;
        }
        Object waiter = getWaiters.peekFirst();
        if (waiter == null || !items.isEmpty() || blockedLocked(waiter)) {
            items.addLast(frame);
            if (waiter != null) {
                watchIdleLocked();
            }
        } else {
            handToLocked(getWaiters.pollFirst(), frame);
        }
    }

    /**
     * Whether {@code getter} (a {@link LocalGetter}, null for a local get that has not queued yet, or a session's
     * credit) must wait although items are queued: some other session holds items sent to it that it has not
     * claimed, and they are older than every queued item. Handing {@code getter} a later item now would let it
     * overtake them, and if that session then sat on them they would be taken back and reach {@code getter} after
     * the later one. The wait ends when that session's gets claim them (it sends a {@link Wire#SYNC} when a get
     * empties its buffer while others wait on it, see {@link #publishWantsLocked}) or when the owner takes them back as idle
     * (lock held).
     */
    private boolean blockedLocked(Object getter) {
        if (inFlight == 0) {
            return false;
        }
        syncAllLocked();
        int own = getter instanceof OwnerSession ? ((OwnerSession) getter).inFlight.size() : 0;
        return inFlight > own;
    }

    private void handToLocked(Object waiter, byte[] item) {
        if (waiter instanceof LocalGetter) {
            LocalGetter g = (LocalGetter) waiter;
            g.item = item;
            g.wakeup.signal();
        } else {
            OwnerSession s = (OwnerSession) waiter;
            s.creditsWaiting--;
            handToSessionLocked(s, item);
        }
    }

    /** Hands items from the front of the queue to the oldest getters while both exist. */
    private void handToWaitingLocked() {
        while (!items.isEmpty() && !getWaiters.isEmpty()) {
            if (blockedLocked(getWaiters.peekFirst())) {
                watchIdleLocked();
                return;
            }
            handToLocked(getWaiters.pollFirst(), items.pollFirst());
        }
    }

    private void handToSessionLocked(OwnerSession s, byte[] item) {
        s.inFlight.addLast(item);
        inFlight++;
        item[0] = Wire.ITEM;
        s.sendLocked(item);
        if (getWaiters.size() > s.creditsWaiting) {
            watchIdleLocked();
        }
    }

    /** Admits waiting puts, oldest first, while a bounded queue has room. */
    private void admitPutsLocked() {
        while (!putWaiters.isEmpty() && countLocked() < maxsize) {
            PutWaiter w = putWaiters.pollFirst();
            acceptLocked(w.frame);
            w.done = true;
            if (w.session == null) {
                w.wakeup.signal();
            } else {
                w.session.sendLocked(Wire.reply(w.requestId, Wire.OK, 0));
            }
        }
    }

    private void finishTasksLocked(long n) {
        if (n == 0) {
            return;
        }
        unfinished -= n;
        if (unfinished == 0) {
            allDone.signalAll();
            for (RemoteRequest r : joinWaiters) {
                r.session().sendLocked(Wire.reply(r.requestId(), Wire.OK, 0));
            }
            joinWaiters.clear();
        }
    }

    /** Called by a session with the lock held when it has messages to write. */
    void markDirtyLocked(OwnerSession s) {
        dirty.addLast(s);
    }

    /**
     * Releases the lock, then wakes the writers of sessions that have messages queued (those not already awake).
     * For local operations.
     */
    private void unlockAndWake() {
        publishWantsLocked();
        if (dirty.isEmpty()) {
            lock.unlock();
            return;
        }
        if (dirty.size() == 1) {
            OwnerSession only = dirty.pollFirst();
            only.scheduled = false;
            only.ensureWriterLocked();
            lock.unlock();
            only.wakeWriter();
            return;
        }
        OwnerSession[] sessions = dirty.toArray(NO_SESSIONS);
        dirty.clear();
        for (OwnerSession s : sessions) {
            s.scheduled = false;
            s.ensureWriterLocked();
        }
        lock.unlock();
        for (OwnerSession s : sessions) {
            s.wakeWriter();
        }
    }

    /** Releases the lock, then writes the messages queued for sessions meanwhile (outside the lock). */
    private void unlockAndFlush() {
        publishWantsLocked();
        if (dirty.isEmpty()) {
            lock.unlock();
            return;
        }
        OwnerSession[] sessions = dirty.toArray(NO_SESSIONS);
        dirty.clear();
        for (OwnerSession s : sessions) {
            s.scheduled = false;
        }
        lock.unlock();
        for (OwnerSession s : sessions) {
            s.flush();
        }
    }
}
