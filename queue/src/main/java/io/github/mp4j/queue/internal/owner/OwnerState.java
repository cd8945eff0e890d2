package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.queue.internal.SessionPage;
import io.github.mp4j.queue.internal.Wire;
import io.github.mp4j.queue.internal.owner.Waiters.Getter;
import io.github.mp4j.queue.internal.owner.Waiters.PutWaiter;
import io.github.mp4j.queue.internal.owner.Waiters.RemoteRequest;
import io.github.mp4j.queue.internal.share.QueueKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.function.Predicate;

/**
 * The items and waiters of one owner queue, and the moves between them. Every method is called with the queue's
 * lock held.
 *
 * <p>Items wait in {@link #items}; getters wait in {@link #getWaiters} in arrival order, local threads and remote
 * credits alike; when the queue is bounded, puts wait in {@link #putWaiters}. An item goes straight to the oldest
 * getter unless that getter is blocked ({@link #blockedLocked}): another session holds items sent to it and not yet
 * claimed, which are older than every queued item, and the getter may not overtake them. So {@code items} and
 * {@code getWaiters} are both non-empty only while the oldest getter is blocked; the session it waits on then sends
 * a {@link Wire#READ_PAGE} when a get empties its buffer ({@link SessionPage#drainWanted}), and an idle check takes
 * the items back if it stops getting ({@link IdleFence}). Items sent to a remote consumer that its gets have not yet
 * returned are in flight: they count in {@code qsize} and go back to the front of the queue if that consumer's
 * connection ends. A consumer counts returned items and finished tasks in its {@link SessionPage}, which is read
 * here ({@link #readPageLocked}) for exact counts.
 */
final class OwnerState {
    final ArrayDeque<FrameLease> items = new ArrayDeque<>();
    final ArrayDeque<Getter> getWaiters = new ArrayDeque<>();
    final ArrayDeque<PutWaiter> putWaiters = new ArrayDeque<>();
    final List<RemoteRequest> joinWaiters = new ArrayList<>();
    final List<OwnerSession> sessions = new ArrayList<>();
    /** Signalled (all local joiners) when the last unfinished task finishes. */
    final Condition allDone;
    /** Items in flight to all sessions: the sum of their ledgers' {@code inFlight}. */
    int inFlight;
    long unfinished;
    long requeuedTasks;
    long countedAsDone;
    long undecodable;
    /** {@link Wire#READ_PAGE} messages received from attached processes (diagnostics). */
    long readPageMessages;
    /** What the session pages say about puts waiting for room (the last value published). */
    private boolean putsWaiting;
    /** Threads of the owner process waiting in {@code join}. */
    int localJoiners;
    /** What the session pages say about a join waiting (the last value published). */
    private boolean joinWanted;

    private final OwnerQueue queue;
    private final boolean joinable;
    private final int maxsize;

    OwnerState(OwnerQueue queue, QueueKind kind, int maxsize) {
        this.queue = queue;
        this.joinable = kind == QueueKind.JOINABLE;
        this.maxsize = maxsize;
        this.allDone = queue.lock.newCondition();
    }

    /** Items put and not yet returned by a get: queued plus in flight, after reading every page. */
    int countLocked() {
        readAllPagesLocked();
        return items.size() + inFlight;
    }

    boolean hasRoomLocked() {
        return maxsize == 0 || (putWaiters.isEmpty() && countLocked() < maxsize);
    }

    /** A new item enters the queue: one more unfinished task, then to the oldest getter or the tail. */
    void acceptLocked(FrameLease frame) {
        if (joinable) {
            unfinished++;
        }
        Getter waiter = getWaiters.peekFirst();
        if (waiter == null || !items.isEmpty() || blockedLocked(waiter)) {
            items.addLast(frame);
            if (waiter != null) {
                queue.fence.watchLocked();
            }
        } else {
            handLocked(getWaiters.pollFirst(), frame);
        }
    }

    /**
     * Whether {@code getter} (null for a local get that has not queued yet) must wait although items are queued:
     * some other session holds items sent to it that it has not claimed, and they are older than every queued item.
     * Handing {@code getter} a later item now would let it overtake them, and if that session then sat on them they
     * would be taken back and reach {@code getter} after the later one. The wait ends when that session's gets claim
     * them (it sends a {@link Wire#READ_PAGE} when a get empties its buffer while others wait on it, see
     * {@link #publishWantsLocked}) or when the owner takes them back as idle.
     */
    boolean blockedLocked(Getter getter) {
        if (inFlight == 0) {
            return false;
        }
        readAllPagesLocked();
        return inFlight > (getter == null ? 0 : getter.itemsInFlight());
    }

    /** Hands items from the front of the queue to the oldest getters while both exist. */
    void handToWaitingLocked() {
        while (!items.isEmpty() && !getWaiters.isEmpty()) {
            if (blockedLocked(getWaiters.peekFirst())) {
                queue.fence.watchLocked();
                return;
            }
            handLocked(getWaiters.pollFirst(), items.pollFirst());
        }
    }

    /**
     * Hands {@code item} to {@code getter}, taken from the front of the getters: a local thread takes it, or it goes
     * straight to the session's outbox and is in flight; if other getters then wait while that session holds items,
     * the idle fence watches it.
     */
    private void handLocked(Getter getter, FrameLease item) {
        if (getter.receive(item)) {
            inFlight++;
            if (getWaiters.size() > getter.creditsWaiting()) {
                queue.fence.watchLocked();
            }
        }
    }

    /** Serves one credit of {@code s} from the queue's items while no getter waits: the item goes in flight. */
    void sendItemLocked(OwnerSession s, FrameLease item) {
        inFlight++;
        s.sendItemLocked(item);
    }

    /** Removes the waiting puts {@code which} selects, releasing their items; whether there were any. */
    boolean removePutWaitersLocked(Predicate<PutWaiter> which) {
        boolean removed = false;
        for (var it = putWaiters.iterator(); it.hasNext(); ) {
            PutWaiter w = it.next();
            if (which.test(w)) {
                it.remove();
                w.frame.release();
                removed = true;
            }
        }
        return removed;
    }

    /** Admits waiting puts, oldest first, while a bounded queue has room. */
    void admitPutsLocked() {
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

    /** {@code n} tasks finished: at zero unfinished, wakes every local joiner and answers every remote one. */
    void finishTasksLocked(long n) {
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

    /**
     * Takes in what a session's page says: items its gets returned leave {@code inFlight} (for a joinable queue,
     * they become tasks it took), tasks it marked done finish. Returns false, and ignores the page from then on,
     * if the counts are impossible (they went back, or exceed what was sent); the session's next message ends it.
     */
    boolean readPageLocked(OwnerSession s) {
        SessionLedger l = s.ledger;
        if (l.pageBroken) {
            return false;
        }
        long done = joinable ? l.page.done() : 0; // before returned: see SessionLedger#takeInDone
        int returned = l.takeInReturned(joinable);
        if (returned > 0) {
            inFlight -= returned;
        }
        long newlyDone = returned < 0 || !joinable ? 0 : l.takeInDone(done);
        if (returned < 0 || newlyDone < 0) {
            OwnerQueue.LOG.log(System.Logger.Level.WARNING, "{0}: the session page of {1} holds impossible counts"
                    + " ({2}); ignoring it and ending the session at its next message", queue.describe(), s.peer(),
                    l.brokenBecause);
            return false;
        }
        if (newlyDone > 0) {
            if (newlyDone > unfinished) {
                OwnerQueue.LOG.log(System.Logger.Level.WARNING, "{0}: taskDone() from {1} called too many times;"
                        + " ignored", queue.describe(), s.peer());
            }
            finishTasksLocked(Math.min(newlyDone, unfinished));
        }
        return true;
    }

    /** {@link #readPageLocked} for every session. */
    void readAllPagesLocked() {
        for (int i = 0, n = sessions.size(); i < n; i++) {
            readPageLocked(sessions.get(i));
        }
    }

    /**
     * Tells the sessions' pages whether puts wait for room (then consumers send a {@link Wire#READ_PAGE} after each
     * get), which sessions hold items while another process's getter waits (then they send one when a get empties
     * their buffer, and prefetch one item at a time) and whether
     * a join waits (then a {@code taskDone} that finishes a process's last task sends one). After raising a flag,
     * reads the pages again: a get or taskDone that returned just before it saw the flag left room, claimed the last
     * item a getter waited on, or finished the last task.
     */
    void publishWantsLocked() {
        boolean want = !putWaiters.isEmpty();
        boolean raised = want && !putsWaiting;
        if (want != putsWaiting) {
            putsWaiting = want;
            for (int i = 0, n = sessions.size(); i < n; i++) {
                sessions.get(i).page().putsWaiting(want);
            }
        }
        // a getter of another process waits while this session holds items unclaimed, which that getter may not
        // overtake (blockedLocked): the session reports when it has claimed all it holds (a get that empties its
        // buffer) and prefetches one item at a time meanwhile (PrefetchWindow#othersWaiting), so the consumers
        // take items in turn instead of in runs of a whole window
        for (int i = 0, n = sessions.size(); i < n; i++) {
            SessionLedger l = sessions.get(i).ledger;
            boolean drain = !l.inFlight.isEmpty() && getWaiters.size() > l.creditsWaiting;
            if (drain != l.drainWanted) {
                l.drainWanted = drain;
                l.page.drainWanted(drain);
                raised |= drain;
            }
        }
        // a join waits: a taskDone that finishes a process's last task reports it (else the count waits in the page)
        boolean join = joinable && (localJoiners > 0 || !joinWaiters.isEmpty());
        if (join != joinWanted) {
            joinWanted = join;
            for (int i = 0, n = sessions.size(); i < n; i++) {
                sessions.get(i).page().joinWanted(join);
            }
            raised |= join;
        }
        if (raised) {
            readAllPagesLocked();
            admitPutsLocked();
            handToWaitingLocked();
        }
    }

    /** A new session: from now on its page is read for exact counts, and told whether puts wait for room. */
    void addSessionLocked(OwnerSession s) {
        sessions.add(s);
        s.page().putsWaiting(putsWaiting);
        s.page().joinWanted(joinWanted);
    }

    /**
     * Counts and logs an item that a get of {@code consumer} could not decode; for a joinable queue its task was
     * already counted as done.
     */
    void undecodableLocked(String consumer, String what) {
        if (joinable) {
            undecodable++;
        }
        OwnerQueue.LOG.log(System.Logger.Level.WARNING, "{0}: a get in {1} could not decode an item ({2}); the item"
                + " is consumed" + (joinable ? " and its task counted as done (taskDone() must not be called for it)"
                : ""), queue.describe(), consumer, what);
    }
}
