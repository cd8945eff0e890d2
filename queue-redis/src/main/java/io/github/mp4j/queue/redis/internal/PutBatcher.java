package io.github.mp4j.queue.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Puts to an unbounded queue from several threads of this process that arrive together share one {@code RPUSH}:
 * the first caller sends its item and every item that arrived while the previous command was on the wire, in
 * arrival order; the others wait for that command's reply. Every put returns only once Redis replied to the
 * command that carried its item (never before it is in Redis), or throws what that command threw. One thread's puts
 * keep their order. Thread-safe.
 */
final class PutBatcher {
    private final RedisLink link;
    private final byte[] key;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sent = lock.newCondition();
    /** Items waiting for the next command. Guarded by lock. */
    private List<Pending> waiting = new ArrayList<>();
    /** A caller is sending a command now. Guarded by lock. */
    private boolean sending;

    PutBatcher(RedisLink link, byte[] key) {
        this.link = link;
        this.key = key;
    }

    /**
     * Appends {@code payload} to the list and returns once Redis holds it. Waits for the round trip without
     * answering interruption (the item may already be on its way), keeping the interrupt flag.
     *
     * @throws JedisException or IllegalStateException if the command carrying the item failed (it may or may not
     *                        be in Redis, as for any command whose reply was lost)
     */
    void put(byte[] payload) {
        Pending me = new Pending(payload);
        lock.lock();
        try {
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

    /** Sends what is waiting (including the caller's item) as one command, then lets the next sender go. */
    private void send() {
        List<Pending> batch;
        lock.lock();
        try {
            batch = waiting;
            waiting = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        try {
            byte[][] values = new byte[batch.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = batch.get(i).payload;
            }
            link.call(j -> j.rpush(key, values));
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            for (Pending p : batch) {
                p.failure = failure;
                p.done = true;
            }
            sending = false;
            sent.signalAll();
        } finally {
            lock.unlock();
        }
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
