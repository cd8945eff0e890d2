package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.QueueErrors;
import io.github.mp4j.queue.internal.TaskEnd;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.redis.internal.share.RedisQueueHandle;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The operations of one queue kept in Redis, as seen by this process. A put of an unbounded queue is one
 * {@code RPUSH}, shared by the puts of other threads that arrive while one is on the wire, or sent in the background
 * with the puts that follow ({@link PutBatcher}); a
 * bounded or joinable put runs one script that checks the bound (and counts the task) and appends.
 * A get takes its item through the queue's {@link Taker} (into this process's in-flight list, under its lease),
 * decodes it and then ends it (gone for a queue, kept as one of this process's tasks for a joinable queue) in the
 * same script that takes the next items ahead: one round trip per get while items flow. Whatever is in flight or
 * taken when this process stops renewing its lease goes back.
 */
public final class RedisQueue implements QueueBackend {
    /** The longest a waiting put or join sleeps without looking again (their wake-up tokens may be taken). */
    private static final double RECHECK_SECONDS = 0.25;

    private final RedisLink link;
    private final Keys keys;
    private final QueueKind kind;
    private final int maxsize;
    private final Serializer serializer;
    private final TypePolicy policy;
    private final String description;
    /**
     * The rules handles inside items decode under: this queue's serializer and policy (a pipe end or mp4j queue in
     * an item never widens them), the default frame limit, no TCP.
     */
    private final HandleRules rules;
    private final Taker taker;
    /** The puts of an unbounded, non-joinable queue; null for the others (one script per put). */
    private final PutBatcher puts;
    private volatile boolean closed;

    RedisQueue(RedisLink link, Keys keys, QueueKind kind, int maxsize, Serializer serializer, TypePolicy policy) {
        this.link = link;
        this.keys = keys;
        this.kind = kind;
        this.maxsize = maxsize;
        this.serializer = serializer;
        this.policy = policy;
        this.description = "redis queue '" + keys.name + "' at " + link.server();
        this.rules = HandleRules.receiving(serializer.name(), policy, HandleRules.NO_CONTEXT_MAX_FRAME_LENGTH, false,
                null);
        this.taker = new Taker(link, keys, description, maxsize);
        this.puts = maxsize == 0 && kind != QueueKind.JOINABLE ? link.putBatcher(keys.items) : null;
    }

    /**
     * The lease-expiry counts kept in the queue's meta hash ({@code tasksRequeued}, {@code tasksCountedAsDone}), so
     * every host reads the same figure. Undecodable items are not counted in Redis: asking for them is unsupported.
     */
    @Override
    public long tasksEnded(TaskEnd which) {
        String field = switch (which) {
            case REQUEUED -> "tasksRequeued";
            case COUNTED_AS_DONE -> "tasksCountedAsDone";
            case UNDECODABLE -> null;
        };
        if (field == null) {
            return QueueBackend.super.tasksEnded(which);
        }
        try {
            String v = link.callIdempotent(j -> j.hget(new String(keys.meta, StandardCharsets.UTF_8), field));
            return v == null ? 0 : Long.parseLong(v);
        } catch (JedisException e) {
            throw RedisFailures.broken(description, e);
        }
    }

    /** The queue's name in Redis. */
    public String name() {
        return keys.name;
    }

    @Override
    public void put(Object item, long nanos) throws InterruptedException {
        checkOpen();
        byte[] payload = encode(item);
        long deadline = Deadline.afterNanos(nanos);
        List<byte[]> putKeys = List.of(keys.items, keys.leases, keys.unfinished);
        List<byte[]> args = List.of(payload, Keys.number(maxsize), Keys.number(kind == QueueKind.JOINABLE ? 1 : 0),
                keys.prefixBytes());
        if (puts != null) {
            // Nothing to check or count: a plain RPUSH, shared with puts of other threads arriving together (or sent
            // in the background, see PutBatcher).
            redis(() -> {
                puts.put(payload);
                return null;
            });
            return;
        }
        for (;;) {
            long length = (Long) redis(() -> link.call(j -> Scripts.PUT.run(j, putKeys, args)));
            if (length >= 0) {
                return;
            }
            long left = Deadline.remaining(deadline);
            if (left <= 0) {
                throw QueueErrors.full(description, maxsize, nanos);
            }
            awaitToken(keys.room, left);
        }
    }

    @Override
    public Object get(long nanos) throws InterruptedException {
        checkOpen();
        flushPuts(); // this process's own background puts are in Redis before it looks
        for (;;) {
            byte[] payload = redisBlocking(() -> taker.next(nanos));
            if (payload == null) {
                throw QueueErrors.empty(description, nanos);
            }
            Object item;
            try {
                item = rules.decode(serializer, payload, 0, payload.length);
            } catch (RuntimeException e) {
                redis(() -> taker.end(payload, kind == QueueKind.JOINABLE ? "finish" : "drop"));
                throw e;
            }
            if (redis(() -> taker.end(payload, kind == QueueKind.JOINABLE ? "keep" : "drop"))) {
                return item;
            }
            // Our lease had expired and another taker has the item since: it is theirs; take another.
        }
    }

    @Override
    public int qsize() {
        flushPuts(); // counts every put of this process that returned
        long n = (Long) redis(() -> link.callIdempotent(j -> Scripts.QSIZE.run(j, List.of(keys.items, keys.leases),
                List.of(keys.prefixBytes()))));
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public void taskDone() {
        long left = (Long) redis(() -> link.call(j -> Scripts.TASK_DONE.run(j,
                List.of(keys.unfinished, keys.taken, keys.done), List.of())));
        if (left < 0) {
            throw QueueErrors.tooManyTaskDone();
        }
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        long deadline = Deadline.afterNanos(nanos);
        for (;;) {
            byte[] n = redis(() -> link.callIdempotent(j -> j.get(keys.unfinished)));
            if (n == null || Long.parseLong(new String(n, java.nio.charset.StandardCharsets.US_ASCII)) <= 0) {
                return true;
            }
            long left = Deadline.remaining(deadline);
            if (left <= 0) {
                return false;
            }
            awaitToken(keys.done, left);
        }
    }

    /** Waits for a wake-up token on {@code key}, at most {@code nanos} (or a short recheck period). */
    private void awaitToken(byte[] key, long nanos) throws InterruptedException {
        double seconds = slice(nanos, RECHECK_SECONDS);
        redisBlocking(() -> link.blocking().call(j -> j.blpop(seconds, key)));
    }

    private static double slice(long nanos, double most) {
        double s = nanos < 0 ? most : Math.min(most, nanos / 1e9);
        return Math.max(s, 0.001);
    }

    @Override
    public void close() {
        closed = true;
        try {
            flushPuts();
        } finally {
            if (puts != null) {
                link.forget(puts);
            }
            taker.close();
        }
    }

    /** Waits until this process's background puts to this queue are in Redis (nothing to do for waiting puts). */
    private void flushPuts() {
        if (puts != null) {
            redis(() -> {
                puts.flush();
                return null;
            });
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    /** Redis queues have no owner process: they travel as a {@link RedisQueueHandle} instead. */
    @Override
    public QueueHandle handle() {
        throw new UnsupportedOperationException(description + " has no owner process; it travels as a "
                + RedisQueueHandle.class.getSimpleName());
    }

    @Override
    public Serializable replacement() {
        return new RedisQueueHandle(link.server(), keys.name, kind, maxsize, serializer.name());
    }

    @Override
    public String describe() {
        return description;
    }

    private void checkOpen() {
        if (closed) {
            throw QueueErrors.closed(description);
        }
    }

    private byte[] encode(Object item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try {
            serializer.encode(item, out, policy);
        } catch (IOException e) {
            throw new SerializationException(serializer.name(), "encoding a "
                    + (item == null ? "null" : item.getClass().getName()) + " failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private <T> T redis(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (JedisException | IllegalStateException e) {
            throw RedisFailures.broken(description, e);
        }
    }

    private <T> T redisBlocking(BlockingOp<T> op) throws InterruptedException {
        try {
            return op.run();
        } catch (JedisException | IllegalStateException e) {
            throw RedisFailures.broken(description, e);
        }
    }

    @FunctionalInterface
    private interface BlockingOp<T> {
        T run() throws InterruptedException;
    }
}
