package io.github.mp4j.queue.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The puts of an unbounded queue, sent as few {@code RPUSH} commands as possible, in one of two modes.
 *
 * <p><b>Waiting puts</b> (the default): puts from several threads of this process that arrive together share one
 * {@code RPUSH}: the first caller sends its item and every item that arrived while the previous command was on the
 * wire, in arrival order; the others wait for that command's reply. Every put returns only once Redis replied to the
 * command that carried its item (never before it is in Redis), or throws what that command threw.
 *
 * <p><b>Background puts</b> ({@code RedisQueues.Builder.backgroundPuts(true)}): as Python's
 * {@code multiprocessing.Queue.put} hands its item to a feeder thread, a put returns once its item is encoded and
 * waiting in this process; one sender task at a time (on the link's feeder threads) sends everything waiting as one
 * {@code RPUSH}, again and again until nothing waits, so one thread putting in a loop pays one round trip per batch,
 * not per item. At most {@link #MAX_WAITING} items wait: a put beyond that waits for the sender. {@link #flush()}
 * returns once every item put before it is in Redis. A command that fails loses the items it carried (they may or
 * may not be in Redis, as for any command whose reply was lost): the next put or flush of this queue throws that
 * failure, naming how many items it carried, once.
 *
 * <p>One thread's puts keep their order in both modes. Thread-safe.
 */
final class PutBatcher {
    /** Most items waiting for the sender in background mode before a put waits. */
    static final int MAX_WAITING = 4096;

    private final RedisLink link;
    private final byte[] key;
    private final boolean background;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sent = lock.newCondition();
    /** Items waiting for the next command. Guarded by lock. */
    private List<Pending> waiting = new ArrayList<>();
    /** A caller (waiting mode) or the sender task (background mode) is sending a command now. Guarded by lock. */
    private boolean sending;
    /** Background mode: a failed command not reported yet, and how many items it and later failures carried. */
    private RuntimeException unreported;
    private long lost;

    PutBatcher(RedisLink link, byte[] key, boolean background) {
        this.link = link;
        this.key = key;
        this.background = background;
    }

    /**
     * Appends {@code payload} to the list: returns once Redis holds it (waiting mode) or once it waits for the
     * sender (background mode). Waits without answering interruption (the item may already be on its way), keeping
     * the interrupt flag.
     *
     * @throws JedisException or IllegalStateException if the command carrying the item failed (it may or may not
     *                        be in Redis, as for any command whose reply was lost); in background mode, if an
     *                        earlier command failed and that was not reported yet
     */
    void put(byte[] payload) {
        Pending me = new Pending(payload);
        lock.lock();
        try {
            if (background) {
                reportFailure();
                while (waiting.size() >= MAX_WAITING) {
                    sent.awaitUninterruptibly();
                }
                waiting.add(me);
                if (!sending) {
                    sending = true;
                    startSender();
                    reportFailure(); // the link is closed: this item was not taken
                }
                return;
            }
            waiting.add(me);
            while (sending && !me.done) {
                sent.awaitUninterruptibly();
            }
            if (me.done) {
                me.rethrow();
                return;
            }
            sending = true;
        } finally {
            lock.unlock();
        }
        send();
        me.rethrow();
    }

    /**
     * Returns once every item put before this call is in Redis (at once in waiting mode, where puts return only then).
     *
     * @throws JedisException or IllegalStateException if a background command failed and that was not reported yet
     */
    void flush() {
        if (!background) {
            return;
        }
        lock.lock();
        try {
            while (sending || !waiting.isEmpty()) {
                sent.awaitUninterruptibly();
            }
            reportFailure();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock and has set {@code sending}. */
    private void startSender() {
        try {
            link.feed(() -> {
                while (send()) {
                    // send again: more items arrived while the last command was on the wire
                }
            });
        } catch (RejectedExecutionException | IllegalStateException closed) {
            List<Pending> batch = waiting;
            waiting = new ArrayList<>();
            fail(batch, new IllegalStateException("the RedisQueues of " + link.server() + " is closed"));
            sending = false;
            sent.signalAll();
        }
    }

    /**
     * Sends what is waiting as one command, then lets the next sender go.
     *
     * @return true (background mode) if more items arrived meanwhile and this sender keeps sending
     */
    private boolean send() {
        List<Pending> batch;
        lock.lock();
        try {
            batch = waiting;
            waiting = new ArrayList<>();
            if (background) {
                sent.signalAll(); // room for puts waiting on MAX_WAITING
            }
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        if (!batch.isEmpty()) {
            try {
                byte[][] values = new byte[batch.size()][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = batch.get(i).payload;
                }
                link.call(j -> j.rpush(key, values));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        lock.lock();
        try {
            for (Pending p : batch) {
                p.done = true;
            }
            if (failure != null) {
                fail(batch, failure);
            }
            boolean again = background && !waiting.isEmpty();
            sending = again;
            sent.signalAll();
            return again;
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void fail(List<Pending> batch, RuntimeException failure) {
        for (Pending p : batch) {
            p.failure = failure;
            p.done = true;
        }
        if (background) {
            lost += batch.size();
            if (unreported == null) {
                unreported = failure;
            }
        }
    }

    /** Caller holds the lock. Throws a background failure once. */
    private void reportFailure() {
        if (unreported == null) {
            return;
        }
        RuntimeException cause = unreported;
        long n = lost;
        unreported = null;
        lost = 0;
        throw new IllegalStateException((n == 1 ? "1 item" : n + " items") + " put in the background were not "
                + "delivered to Redis (the command carrying them failed; they may or may not be there): " + (cause.getMessage() == null ? cause.getClass().getName()
                : cause.getMessage()), cause);
    }

    private static final class Pending {
        final byte[] payload;
        boolean done;
        RuntimeException failure;

        Pending(byte[] payload) {
            this.payload = payload;
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
