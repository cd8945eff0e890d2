package io.github.mp4j.queue.internal.owner;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Outbox}es of one queue that received messages while its lock was held, and the two ways of sending
 * them once it is released. Guarded by the queue's lock, which {@link #unlockAndWake()} and
 * {@link #unlockAndFlush()} release.
 */
final class Outboxes {
    private static final Outbox[] NONE = new Outbox[0];

    private final ReentrantLock lock;
    private final ArrayDeque<Outbox> dirty = new ArrayDeque<>();

    Outboxes(ReentrantLock lock) {
        this.lock = lock;
    }

    /** Called by an outbox when its first message since the lock was taken is queued (lock held). */
    void addLocked(Outbox outbox) {
        dirty.addLast(outbox);
    }

    /**
     * Releases the lock, then wakes the writer threads of the outboxes that received messages (those not already
     * awake). For the owner's own operations and the idle checks, which never touch a socket.
     */
    void unlockAndWake() {
        if (dirty.isEmpty()) {
            lock.unlock();
            return;
        }
        if (dirty.size() == 1) {
            Outbox only = dirty.pollFirst();
            only.scheduled = false;
            only.ensureWriterLocked();
            lock.unlock();
            only.wake();
            return;
        }
        Outbox[] outboxes = takeAllLocked();
        for (Outbox o : outboxes) {
            o.ensureWriterLocked();
        }
        lock.unlock();
        for (Outbox o : outboxes) {
            o.wake();
        }
    }

    /** Releases the lock, then writes the messages queued meanwhile on this thread. For session threads. */
    void unlockAndFlush() {
        if (dirty.isEmpty()) {
            lock.unlock();
            return;
        }
        Outbox[] outboxes = takeAllLocked();
        lock.unlock();
        for (Outbox o : outboxes) {
            o.flush();
        }
    }

    private Outbox[] takeAllLocked() {
        Outbox[] outboxes = dirty.toArray(NONE);
        dirty.clear();
        for (Outbox o : outboxes) {
            o.scheduled = false;
        }
        return outboxes;
    }
}
