package io.github.mp4j.queue.internal.owner;

import java.util.concurrent.locks.Condition;

/** The waiter types an {@link OwnerQueue} queues in arrival order. All fields are guarded by the queue's lock. */
final class Waiters {
    private Waiters() {
    }

    /**
     * One getter waiting at the owner, in the queue's arrival order: a thread of the owner process
     * ({@link LocalGetter}) or one credit of an attached process (its {@link OwnerSession}, queued once per credit).
     * Every method is called with the queue's lock held.
     */
    interface Getter {
        /**
         * Items in flight to this getter's process that it has not claimed: a getter may overtake those of other
         * processes only (see {@link OwnerState#blockedLocked}). Zero for a local getter.
         */
        int itemsInFlight();

        /** How many credits of this getter's process wait in the queue's getters, itself included; 0 if local. */
        int creditsWaiting();

        /**
         * Gives this getter {@code item}, which has left the queue's items: wakes the thread, or sends the item.
         *
         * @return true if the item went in flight to an attached process, false if a local thread took it
         */
        boolean receive(FrameLease item);

        /** The owner closed the queue: a local getter wakes to throw; a credit stays (the process may still get). */
        void queueClosed();
    }

    /** A thread of the owner process blocked in {@code get}. */
    static final class LocalGetter implements Getter {
        final Condition wakeup;
        /** The item handed to this getter; set once. */
        FrameLease item;

        LocalGetter(Condition wakeup) {
            this.wakeup = wakeup;
        }

        @Override
        public int itemsInFlight() {
            return 0;
        }

        @Override
        public int creditsWaiting() {
            return 0;
        }

        /** Wakes the one thread waiting on {@link #wakeup}: this getter's. */
        @Override
        public boolean receive(FrameLease item) {
            this.item = item;
            wakeup.signal();
            return false;
        }

        /** Wakes this getter's thread, which sees the queue closed. */
        @Override
        public void queueClosed() {
            wakeup.signal();
        }
    }

    /** A put waiting for room in a bounded queue: a local thread ({@code session == null}) or a remote request. */
    static final class PutWaiter {
        /** The item, held by the queue until it is admitted (or released when the put gives up). */
        final FrameLease frame;
        final Condition wakeup;
        final OwnerSession session;
        final int requestId;
        /** Set when the item was admitted. */
        boolean done;

        PutWaiter(FrameLease frame, Condition wakeup, OwnerSession session, int requestId) {
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
