package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.pipe.internal.Deadline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisException;

/**
 * This process's side of taking items from one queue: the items it holds in its in-flight list ahead of its gets
 * (prefetched), and the one round trip each get costs once items flow. Each get ends the previous item (removes it
 * from the in-flight list, or keeps it as a task) and takes up to {@code prefetch} more in the same script
 * ({@link Scripts#STEP}); a get that finds nothing held and the queue drained waits with {@code BLMOVE}, which
 * moves the next item straight into the in-flight list: up to 10 ms on the caller's thread (an interrupt is
 * answered after that), then on a helper thread that an interrupt unblocks. Held items count in {@code qsize} (put and not yet returned
 * by a get) and in {@code maxsize}; they go back to the head of the queue once no get came for {@code idle}, when
 * the queue is closed, and, when this process dies, when its lease expires (once: they were never returned).
 * Thread-safe; the Redis calls that change what is held run under one lock, so held items keep the queue's order.
 */
final class Taker {
    private static final System.Logger LOG = System.getLogger(Taker.class.getName());
    private static final double SLICE_SECONDS = RedisLink.BLOCKING_SLICE_MILLIS / 1000.0;
    /** How long a get first waits on its own thread, not interruptible, before it waits interruptibly. */
    private static final double DIRECT_WAIT_SECONDS = 0.01;

    private final RedisLink link;
    private final Keys keys;
    private final String description;
    private final int maxsize;
    private final int prefetch;
    private final long idleNanos;
    private final List<byte[]> stepKeys;
    private static final java.util.concurrent.atomic.AtomicLong HOLDER_IDS = new java.util.concurrent.atomic.AtomicLong();
    /** Who holds items ahead, in the queue's {@code holder} key: this taker of this queue object. */
    private final byte[] holderId;
    private final ReentrantLock lock = new ReentrantLock();
    /** Items in this taker's in-flight list that no get has returned yet, oldest first. Guarded by lock. */
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    /** The last take found the queue empty: a get with nothing held waits at once. Guarded by lock. */
    private boolean drained;
    /** A give-back check is scheduled. Guarded by lock. */
    private boolean giveBackScheduled;
    /** When the last get ended an item ({@link System#nanoTime()}). Guarded by lock. */
    private long lastEnd;

    Taker(RedisLink link, Keys keys, String description, int maxsize) {
        this.link = link;
        this.keys = keys;
        this.description = description;
        this.maxsize = maxsize;
        this.holderId = Keys.bytes(link.taker() + "#" + HOLDER_IDS.incrementAndGet());
        this.prefetch = link.prefetch();
        this.idleNanos = link.prefetchIdle().toNanos();
        this.stepKeys = List.of(keys.items, keys.inflight, keys.leases, keys.taken, keys.room, keys.unfinished,
                keys.done, keys.holder);
    }

    /**
     * The next item for a get, already in this taker's in-flight list, or null when none came within
     * {@code nanos} (0: no wait, {@link Deadline#NONE}: for ever).
     *
     * @throws InterruptedException if interrupted while waiting (an item that arrived anyway stays held)
     * @throws JedisException if Redis fails
     */
    byte[] next(long nanos) throws InterruptedException {
        long deadline = Deadline.afterNanos(nanos);
        boolean firstWait = true;
        for (;;) {
            lock.lock();
            try {
                byte[] p = held.poll();
                if (p != null) {
                    return p;
                }
                if (!drained || nanos == 0) {
                    List<byte[]> got = step(null, "none", 1, false);
                    if (!got.isEmpty()) {
                        return got.get(0);
                    }
                }
            } finally {
                lock.unlock();
            }
            long left = Deadline.remaining(deadline);
            if (nanos == 0 || left <= 0) {
                return null;
            }
            byte[] moved;
            if (firstWait) {
                // Items usually follow soon in a stream: wait a little on this thread first (no hand-over to a
                // helper thread, which costs two thread wake-ups per item), at the price of answering an
                // interrupt only after this short wait.
                firstWait = false;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                double seconds = Math.max(0.001, Math.min(DIRECT_WAIT_SECONDS, left < 0 ? 1 : left / 1e9));
                moved = link.call(j -> j.blmove(keys.items, keys.inflight, ListDirection.LEFT, ListDirection.RIGHT,
                        seconds));
            } else {
                double seconds = Math.max(0.001, left < 0 ? SLICE_SECONDS : Math.min(SLICE_SECONDS, left / 1e9));
                moved = link.blocking().call(j -> j.blmove(keys.items, keys.inflight, ListDirection.LEFT,
                        ListDirection.RIGHT, seconds), this::hold);
            }
            if (moved != null) {
                lock.lock();
                try {
                    if (held.isEmpty()) {
                        return moved;
                    }
                    held.addLast(moved); // behind items another get of this process took meanwhile
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Ends a get of {@code payload} (mode {@code keep}, {@code drop} or {@code finish}, see {@link Scripts#STEP})
     * and takes more items ahead in the same round trip.
     *
     * @return false if the payload's lease had expired and another taker has it since (the get must not return it)
     * @throws JedisException if Redis fails
     */
    boolean end(byte[] payload, String mode) {
        lock.lock();
        try {
            lastEnd = System.nanoTime();
            List<byte[]> taken = new ArrayList<>();
            long ended = stepEnding(payload, mode, Math.max(0, prefetch - held.size()), true, taken);
            held.addAll(taken);
            scheduleGiveBack();
            return ended > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back at once every item held ahead of gets (the queue was closed). */
    void close() {
        lock.lock();
        try {
            if (!held.isEmpty() && !link.isClosed()) { // a closed link gave back everything it held already
                giveBack();
            }
        } catch (JedisException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: could not give back {1} items taken ahead of gets: {2}; "
                    + "they return when this process releases or loses its lease", description, held.size(),
                    e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Keeps an item that reached the in-flight list for a get that is no longer waiting for it. */
    private void hold(byte[] payload) {
        lock.lock();
        try {
            held.addLast(payload);
            scheduleGiveBack();
        } finally {
            lock.unlock();
        }
    }

    private List<byte[]> step(byte[] payload, String mode, int count, boolean ahead) {
        List<byte[]> taken = new ArrayList<>(count);
        stepEnding(payload, mode, count, ahead, taken);
        return taken;
    }

    /**
     * Runs {@link Scripts#STEP}; adds the items taken to {@code taken} (held {@code ahead} of gets, or one for the
     * get now); returns the end result. Another taker holding items ahead makes a taking-ahead step take none.
     */
    private long stepEnding(byte[] payload, String mode, int count, boolean ahead, List<byte[]> taken) {
        List<byte[]> args = List.of(Keys.bytes(link.taker()), Keys.number(link.leaseMillis()), Keys.number(count),
                Keys.bytes(mode), Keys.number(maxsize), payload == null ? new byte[0] : payload,
                Keys.bytes(ahead ? "1" : "0"), Keys.number(held.size()), holderId);
        List<?> out = (List<?>) link.call(j -> Scripts.STEP.run(j, stepKeys, args));
        for (int i = 1; i < out.size(); i++) {
            taken.add((byte[]) out.get(i));
        }
        drained = taken.size() < count;
        return (Long) out.get(0);
    }

    private void scheduleGiveBack() {
        if (!held.isEmpty() && !giveBackScheduled) {
            giveBackScheduled = true;
            link.later(this::giveBackIfIdle, idleNanos);
        }
    }

    private void giveBackIfIdle() {
        lock.lock();
        try {
            giveBackScheduled = false;
            if (held.isEmpty()) {
                return;
            }
            long idleFor = System.nanoTime() - lastEnd;
            if (idleFor < idleNanos) {
                giveBackScheduled = true;
                link.later(this::giveBackIfIdle, idleNanos - idleFor);
                return;
            }
            giveBack();
        } catch (JedisException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: giving back items taken ahead failed: {1}; the next get "
                    + "returns them", description, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Puts every held item back at the head of the queue, oldest first. Caller holds the lock. */
    private void giveBack() {
        List<byte[]> args = new ArrayList<>(held.size() + 1);
        args.add(holderId);
        args.addAll(held);
        link.call(j -> Scripts.GIVE_BACK.run(j, List.of(keys.inflight, keys.items, keys.holder), args));
        held.clear();
        drained = false;
    }
}
