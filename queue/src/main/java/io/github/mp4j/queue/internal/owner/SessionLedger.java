package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.queue.internal.SessionPage;
import java.util.ArrayDeque;

/**
 * What the owner knows about one attached process's use of one queue: the items in flight to it, the tasks it took,
 * its credits, the counts its {@link SessionPage} showed last, and the idle-consumer fence's marks. The owner takes
 * the page in on every message from the process, when it needs exact counts, and when the connection ends
 * ({@link OwnerState#readPageLocked}). Not thread-safe: every field is guarded by the queue's lock.
 */
final class SessionLedger {
    /** Items sent to this process that its page does not yet count as returned, oldest first. */
    final ArrayDeque<FrameLease> inFlight = new ArrayDeque<>();
    /** Joinable queues: items this process returned from get and has not marked done, oldest first. */
    final ArrayDeque<FrameLease> taken = new ArrayDeque<>();
    /** The counters this process keeps for the owner. */
    final SessionPage page;
    /** The page's {@code returned} count as last taken in. */
    long returnedSeen;
    /** The page's {@code done} count as last taken in. */
    long doneSeen;
    /** Set when the page held impossible counts: it is ignored from then on. */
    boolean pageBroken;
    /** The impossible counts, once {@link #pageBroken}. */
    String brokenBecause;
    /** How many of this process's credits wait in the queue's getters. */
    int creditsWaiting;
    /**
     * Whether the owner fenced this process's page and has not yet seen the process clear the fence: its credits
     * are then held in {@link #heldCredits} instead of being served, so no item goes to it while the page is fenced.
     */
    boolean fenced;
    /** Credits this process sent while {@link #fenced}; served once the owner sees the fence cleared. */
    int heldCredits;
    /** What this session's page last said as {@link SessionPage#drainWanted}. */
    boolean drainWanted;
    /** Whether the last idle check saw this session holding items while others waited. */
    boolean watched;
    /** {@link #returnedSeen} at that check. */
    long returnedAtCheck;

    SessionLedger(SessionPage page) {
        this.page = page;
    }

    /**
     * Takes in the page's returned count: items it newly counts leave {@link #inFlight} (for a joinable queue they
     * become {@link #taken} tasks).
     *
     * @return how many items were newly returned, or -1 with {@link #pageBroken} and {@link #brokenBecause} set if
     *     the count went back or exceeds what was sent
     */
    int takeInReturned(boolean joinable) {
        long returned = page.returned();
        long newly = returned - returnedSeen;
        if (newly == 0) {
            return 0;
        }
        if (newly < 0 || newly > inFlight.size()) {
            return broken("returned=" + returned + " but " + returnedSeen + " were returned before and "
                    + inFlight.size() + " are in flight to it");
        }
        for (long i = 0; i < newly; i++) {
            FrameLease item = inFlight.pollFirst();
            if (joinable) {
                taken.addLast(item);
            } else {
                item.release(); // returned by a get: it has left the queue
            }
        }
        returnedSeen = returned;
        return (int) newly;
    }

    /**
     * Takes in {@code done}, a value of the page's done count read before {@link #takeInReturned} (the process
     * counts a return before the task's done, so that order never sees a done without its return): the tasks it
     * newly counts leave {@link #taken}.
     *
     * @return how many tasks were newly done, or -1 with {@link #pageBroken} set if the count is impossible
     */
    long takeInDone(long done) {
        long newly = done - doneSeen;
        if (newly == 0) {
            return 0;
        }
        if (newly < 0 || newly > taken.size()) {
            return broken("done=" + done + " but " + doneSeen + " were done before and " + taken.size()
                    + " tasks are taken by it");
        }
        for (long i = 0; i < newly; i++) {
            taken.pollFirst().release();
        }
        doneSeen = done;
        return newly;
    }

    private int broken(String because) {
        pageBroken = true;
        brokenBecause = because;
        return -1;
    }
}
