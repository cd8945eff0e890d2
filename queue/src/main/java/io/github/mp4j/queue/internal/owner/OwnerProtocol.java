package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.PayloadArrays.Received;
import io.github.mp4j.queue.OnWorkerDeath;
import io.github.mp4j.queue.internal.QueueErrors;
import io.github.mp4j.queue.internal.TaskEnd;
import io.github.mp4j.queue.internal.Wire;
import io.github.mp4j.queue.internal.owner.Waiters.PutWaiter;
import io.github.mp4j.queue.internal.owner.Waiters.RemoteRequest;
import io.github.mp4j.queue.internal.share.QueueKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner's side of the queue protocol ({@link Wire}): what each message of an attached process does to the
 * queue, and what a session's start and end do. Called by the session's reader thread; takes the queue's lock and
 * writes the answers it caused on the same thread after releasing it ({@link OwnerQueue#unlockAndFlush()}).
 */
final class OwnerProtocol {
    /** The most credits one message may grant. */
    private static final int MAX_CREDITS = 1 << 16;

    private final OwnerQueue queue;
    private final OwnerState state;
    private final boolean joinable;
    private final int maxsize;
    private final OnWorkerDeath onWorkerDeath;

    OwnerProtocol(OwnerQueue queue, OwnerState state, QueueKind kind, int maxsize, OnWorkerDeath onWorkerDeath) {
        this.queue = queue;
        this.state = state;
        this.joinable = kind == QueueKind.JOINABLE;
        this.maxsize = maxsize;
        this.onWorkerDeath = onWorkerDeath;
    }

    /**
     * Handles one message from an attached process. Every message first has the owner read the process's page.
     *
     * @throws ProtocolException if the message is malformed or not allowed for this queue; the session ends
     */
    void onMessage(OwnerSession s, Received message) throws ProtocolException {
        byte[] f = message.array();
        int length = message.length();
        byte op = Wire.op(f, 0, length);
        int arg = Wire.arg(f);
        SessionLedger l = s.ledger;
        queue.lock.lock();
        try {
            if (!state.readPageLocked(s)) {
                throw new ProtocolException("the session page of " + s.peer() + " for " + queue.describe()
                        + " holds impossible counts");
            }
            state.admitPutsLocked();
            state.handToWaitingLocked();
            if (l.fenced && !l.page.fenced()) {
                unfencedLocked(s);
            }
            switch (op) {
                case Wire.PUT:
                    require(maxsize == 0, "PUT is only for unbounded queues");
                    state.acceptLocked(FrameLease.of(f, length, queue.pool));
                    break;
                case Wire.PUT_NOWAIT:
                case Wire.PUT_WAIT:
                    require(maxsize > 0, "PUT_NOWAIT/PUT_WAIT are only for bounded queues");
                    putLocked(s, arg, FrameLease.of(f, length, queue.pool), op == Wire.PUT_WAIT);
                    break;
                case Wire.CREDIT:
                    if (l.fenced) {
                        l.heldCredits = checkedCount(l.heldCredits + checkedCount(arg, 1), 1);
                    } else {
                        creditsLocked(s, checkedCount(arg, 1));
                    }
                    break;
                case Wire.READ_PAGE:
                    state.readPageMessages++;
                    break;
                case Wire.CANCEL_CREDITS:
                    cancelCreditsLocked(s, arg);
                    break;
                case Wire.CANCEL:
                    cancelRequestLocked(s, arg);
                    break;
                case Wire.QSIZE:
                    s.sendLocked(Wire.reply(arg, Wire.OK, state.countLocked()));
                    break;
                case Wire.TASK_DONE:
                    require(joinable, "TASK_DONE is only for joinable queues");
                    state.readAllPagesLocked();
                    if (state.unfinished == 0) {
                        s.sendLocked(Wire.reply(arg, Wire.TOO_MANY_TASK_DONE, 0));
                    } else {
                        state.finishTasksLocked(1);
                        s.sendLocked(Wire.reply(arg, Wire.OK, 0));
                    }
                    break;
                case Wire.DECODE_FAILED:
                    state.undecodableLocked(s.peer(), QueueErrors.printable(Wire.text(f, length)));
                    s.sendLocked(Wire.reply(arg, Wire.OK, 0));
                    break;
                case Wire.TASK_COUNT:
                    require(joinable && length == Wire.HEADER + 1 && f[Wire.HEADER] >= 0
                            && f[Wire.HEADER] < TaskEnd.values().length,
                            "TASK_COUNT is only for joinable queues, with one byte naming the count");
                    s.sendLocked(Wire.reply(arg, Wire.OK, queue.countLocked(TaskEnd.values()[f[Wire.HEADER]])));
                    break;
                case Wire.JOIN:
                    require(joinable, "JOIN is only for joinable queues");
                    state.readAllPagesLocked();
                    if (state.unfinished == 0) {
                        s.sendLocked(Wire.reply(arg, Wire.OK, 0));
                    } else {
                        state.joinWaiters.add(new RemoteRequest(s, arg));
                    }
                    break;
                default:
                    throw new ProtocolException("unknown queue op " + op + " from " + s.peer() + " for "
                            + queue.describe());
            }
        } finally {
            queue.unlockAndFlush();
        }
    }

    private void putLocked(OwnerSession s, int requestId, FrameLease f, boolean wait) {
        if (state.hasRoomLocked()) {
            state.acceptLocked(f);
            s.sendLocked(Wire.reply(requestId, Wire.OK, 0));
        } else if (wait) {
            state.putWaiters.addLast(new PutWaiter(f, null, s, requestId));
            state.publishWantsLocked();
        } else {
            f.release();
            s.sendLocked(Wire.reply(requestId, Wire.FULL, 0));
        }
    }

    private void creditsLocked(OwnerSession s, int n) {
        SessionLedger l = s.ledger;
        for (int i = 0; i < n; i++) {
            if (state.items.isEmpty() || !state.getWaiters.isEmpty() || state.blockedLocked(s)) {
                state.getWaiters.addLast(s);
                l.creditsWaiting++;
            } else {
                state.sendItemLocked(s, state.items.pollFirst());
            }
        }
        if (l.creditsWaiting > 0 && state.inFlight > l.inFlight.size()) {
            queue.fence.watchLocked();
        }
    }

    /** {@code s} has read its {@link Wire#UNFENCE} and cleared the fence: serves the credits it sent meanwhile. */
    private void unfencedLocked(OwnerSession s) {
        SessionLedger l = s.ledger;
        l.fenced = false;
        int held = l.heldCredits;
        l.heldCredits = 0;
        if (held > 0) {
            creditsLocked(s, held);
        }
    }

    private void cancelCreditsLocked(OwnerSession s, int requestId) {
        int removed = 0;
        for (var it = state.getWaiters.iterator(); it.hasNext(); ) {
            if (it.next() == s) {
                it.remove();
                removed++;
            }
        }
        SessionLedger l = s.ledger;
        l.creditsWaiting -= removed;
        removed += l.heldCredits;
        l.heldCredits = 0;
        s.sendLocked(Wire.reply(requestId, Wire.CANCELLED, removed));
    }

    private void cancelRequestLocked(OwnerSession s, int requestId) {
        boolean removed = state.removePutWaitersLocked(w -> w.session == s && w.requestId == requestId)
                || state.joinWaiters.removeIf(r -> r.session() == s && r.requestId() == requestId);
        if (removed) {
            s.sendLocked(Wire.reply(requestId, Wire.CANCELLED, 0));
        }
    }

    /** Called once by a new session before it reads messages: from now on its page is read for exact counts. */
    void sessionStarted(OwnerSession s) {
        queue.lock.lock();
        try {
            state.addSessionLocked(s);
        } finally {
            queue.lock.unlock();
        }
    }

    /**
     * Called once when a session's connection has ended: drops its credits and requests, and puts the items in
     * flight to it (and, for a joinable queue, its unfinished tasks as {@link OnWorkerDeath} says) back at the
     * front of the queue in their original order.
     */
    void sessionEnded(OwnerSession s) {
        queue.lock.lock();
        try {
            state.readPageLocked(s);
            state.sessions.remove(s);
            s.outbox.endLocked();
            state.getWaiters.removeIf(w -> w == s);
            state.removePutWaitersLocked(w -> w.session == s);
            state.joinWaiters.removeIf(r -> r.session() == s);
            SessionLedger l = s.ledger;
            List<FrameLease> back = new ArrayList<>(l.taken.size() + l.inFlight.size());
            int tasks = l.taken.size();
            if (tasks > 0) {
                if (onWorkerDeath == OnWorkerDeath.REQUEUE) {
                    back.addAll(l.taken);
                    state.requeuedTasks += tasks;
                    OwnerQueue.LOG.log(System.Logger.Level.INFO, "{0}: {1} ended holding {2} unfinished task(s);"
                            + " requeued", queue.describe(), s.peer(), tasks);
                } else {
                    state.countedAsDone += tasks;
                    OwnerQueue.LOG.log(System.Logger.Level.WARNING, "{0}: {1} ended holding {2} unfinished task(s);"
                            + " counted as done (onWorkerDeath=COUNT_AS_DONE)", queue.describe(), s.peer(), tasks);
                    state.finishTasksLocked(Math.min(tasks, state.unfinished));
                    for (FrameLease task : l.taken) {
                        task.release();
                    }
                }
                l.taken.clear();
            }
            back.addAll(l.inFlight);
            state.inFlight -= l.inFlight.size();
            l.inFlight.clear();
            for (int i = back.size() - 1; i >= 0; i--) {
                state.items.addFirst(back.get(i));
            }
            state.handToWaitingLocked();
            state.admitPutsLocked();
        } finally {
            queue.unlockAndFlush();
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
}
