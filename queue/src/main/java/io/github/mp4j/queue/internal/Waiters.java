package io.github.mp4j.queue.internal;

import java.util.concurrent.locks.Condition;

/** The waiter types an {@link OwnerQueue} queues in arrival order. All fields are guarded by the queue's lock. */
final class Waiters {
    private Waiters() {
    }

    /**
     * A thread of the owner process blocked in {@code get}. Remote getters wait as credits instead: their
     * {@link OwnerSession} is queued once per credit.
     */
    static final class LocalGetter {
        final Condition wakeup;
        /** The item handed to this getter; set once. */
        byte[] item;

        LocalGetter(Condition wakeup) {
            this.wakeup = wakeup;
        }
    }

    /** A put waiting for room in a bounded queue: a local thread ({@code session == null}) or a remote request. */
    static final class PutWaiter {
        final byte[] frame;
        final Condition wakeup;
        final OwnerSession session;
        final int requestId;
        /** Set when the item was admitted. */
        boolean done;

        PutWaiter(byte[] frame, Condition wakeup, OwnerSession session, int requestId) {
            this.frame = frame;
            this.wakeup = wakeup;
            this.session = session;
            this.requestId = requestId;
        }
    }

    /** A remote request answered later: a {@code join}. */
    record RemoteRequest(OwnerSession session, int requestId) {
    }
}
