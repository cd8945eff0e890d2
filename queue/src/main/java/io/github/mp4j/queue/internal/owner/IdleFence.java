package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.queue.internal.SessionPage;
import io.github.mp4j.queue.internal.Wire;
/**
 * The owner's guard against consumers that sit on prefetched items while other getters wait.
 *
 * <p>Whenever a getter starts waiting while some other session has items in flight, or an item goes to a session
 * while others wait, an idle check is scheduled ({@link IdleChecks}; one pending check per queue, none while no
 * such situation exists). A session that holds items in flight while getters other than its own credits wait, and
 * whose page's returned count stayed the same across two checks {@link IdleChecks#IDLE_MILLIS} apart, is fenced
 * ({@link SessionPage#fence}): if that compare-and-set wins against the consumer's next claim, its items in flight
 * go back to the front of the queue in their order and on to the waiting getters, its waiting credits are dropped,
 * and an {@link Wire#UNFENCE} saying how many is queued to it before anything else can be. Revoked items were never
 * the consumer's tasks; qsize counts them throughout. Guarded by the queue's lock.
 */
final class IdleFence {
    private final OwnerQueue queue;
    private final OwnerState state;
    /** Whether an idle check is scheduled. */
    private boolean scheduled;
    /** Sessions fenced so far (their prefetched items taken back). */
    long fences;

    IdleFence(OwnerQueue queue, OwnerState state) {
        this.queue = queue;
        this.state = state;
    }

    /** Schedules an idle check unless one is pending (lock held). */
    void watchLocked() {
        if (!scheduled) {
            scheduled = true;
            IdleChecks.schedule(this::check);
        }
    }

    /**
     * The idle check: fences each session that holds items in flight while other getters wait and whose returned
     * count has not moved since the previous check; schedules the next check while any such session remains.
     */
    private void check() {
        queue.lock.lock();
        try {
            scheduled = false;
            boolean watching = false;
            for (int i = 0, n = state.sessions.size(); i < n; i++) {
                OwnerSession s = state.sessions.get(i);
                SessionLedger l = s.ledger;
                if (!state.readPageLocked(s) || l.inFlight.isEmpty()
                        || state.getWaiters.size() <= l.creditsWaiting) {
                    l.watched = false;
                } else if (!(l.watched && l.returnedAtCheck == l.returnedSeen && fenceLocked(s))) {
                    l.watched = true;
                    l.returnedAtCheck = l.returnedSeen;
                    watching = true;
                }
            }
            state.handToWaitingLocked();
            if (watching) {
                watchLocked();
            }
        } finally {
            queue.unlockAndWake();
        }
    }

    /**
     * Takes back the items in flight to {@code s} that its page does not count as returned, unless it returns one
     * first: they go to the front of the queue and on to the waiting getters, {@code s}'s waiting credits are
     * dropped, and {@code s} is told with an {@link Wire#UNFENCE} (lock held; {@code s} was just read).
     *
     * @return whether the fence won
     */
    private boolean fenceLocked(OwnerSession s) {
        SessionLedger l = s.ledger;
        if (!l.page.fence(l.returnedSeen)) {
            return false;
        }
        l.watched = false;
        l.fenced = true;
        fences++;
        int dropped = l.creditsWaiting;
        if (dropped > 0) {
            state.getWaiters.removeIf(w -> w == s);
            l.creditsWaiting = 0;
        }
        int revoked = l.inFlight.size();
        for (FrameLease item = l.inFlight.pollLast(); item != null; item = l.inFlight.pollLast()) {
            state.items.addFirst(item);
        }
        state.inFlight -= revoked;
        s.sendLocked(Wire.message(Wire.UNFENCE, dropped));
        OwnerQueue.LOG.log(System.Logger.Level.DEBUG, "{0}: {1} sat on {2} prefetched item(s) while others waited;"
                + " took them back", queue.describe(), s.peer(), revoked);
        // A taskDone that read the page unfenced just before the fence sent no READ_PAGE: read its count now.
        state.readPageLocked(s);
        state.handToWaitingLocked();
        return true;
    }
}
