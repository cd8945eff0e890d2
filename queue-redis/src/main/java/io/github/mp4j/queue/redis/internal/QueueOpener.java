package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.OnWorkerDeath;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.spi.Serializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Creates, attaches to and deletes queues in one Redis server for {@code RedisQueues}. */
public final class QueueOpener {
    private final RedisLink link;

    public QueueOpener(RedisLink link) {
        this.link = link;
    }

    /** A fresh queue name: {@code q-} and 16 random hex digits. */
    public static String newName() {
        return "q-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * Creates the queue {@code name} or attaches to it, and takes a lease on it for this process.
     *
     * @throws IllegalStateException if it exists with another kind, bound or serializer
     * @throws io.github.mp4j.QueueBrokenException if Redis fails
     */
    public RedisQueue open(String name, QueueKind kind, int maxsize, Serializer serializer, TypePolicy policy,
                           OnWorkerDeath onWorkerDeath) {
        Keys keys = new Keys(Keys.checkName(name), link.taker());
        int bound = kind == QueueKind.SIMPLE ? 0 : Math.max(0, maxsize);
        RedisQueue queue = new RedisQueue(link, keys, kind, bound, serializer, policy);
        try {
            List<?> stored = (List<?>) link.callIdempotent(j -> Scripts.META.run(j, List.of(keys.meta),
                    List.of(Keys.bytes(kind.name()), Keys.bytes(Integer.toString(bound)),
                            Keys.bytes(serializer.name()), Keys.bytes(onWorkerDeath.name()))));
            String storedKind = text(stored.get(0));
            String storedMax = text(stored.get(1));
            String storedSerializer = text(stored.get(2));
            if (!kind.name().equals(storedKind) || !Integer.toString(bound).equals(storedMax)
                    || !serializer.name().equals(storedSerializer)) {
                throw new IllegalStateException(queue.describe() + " exists as " + storedKind + " with maxsize "
                        + storedMax + " and serializer " + storedSerializer + "; it was asked for as " + kind
                        + " with maxsize " + bound + " and serializer " + serializer.name());
            }
            link.lease(keys);
        } catch (JedisException e) {
            throw RedisFailures.broken(queue.describe(), e);
        }
        return queue;
    }

    /** Deletes every key of queue {@code name}; returns how many there were. */
    public long delete(String name) {
        Keys keys = new Keys(Keys.checkName(name), link.taker());
        try {
            return link.callIdempotent(j -> {
                List<byte[]> found = new ArrayList<>();
                ScanParams match = new ScanParams().match(keys.prefix + "*").count(500);
                byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
                do {
                    ScanResult<byte[]> page = j.scan(cursor, match);
                    found.addAll(page.getResult());
                    cursor = page.getCursorAsBytes();
                } while (!"0".equals(new String(cursor, StandardCharsets.US_ASCII)));
                return found.isEmpty() ? 0L : j.del(found.toArray(new byte[0][]));
            });
        } catch (JedisException e) {
            throw RedisFailures.broken("redis queue '" + name + "' at " + link.server(), e);
        }
    }

    /** A counter kept in the queue's meta hash ({@code tasksRequeued}, {@code tasksCountedAsDone}); 0 if unset. */
    public long counter(String name, String field) {
        Keys keys = new Keys(Keys.checkName(name), link.taker());
        try {
            String v = link.callIdempotent(j -> j.hget(new String(keys.meta, StandardCharsets.UTF_8), field));
            return v == null ? 0 : Long.parseLong(v);
        } catch (JedisException e) {
            throw RedisFailures.broken("redis queue '" + name + "' at " + link.server(), e);
        }
    }

    private static String text(Object o) {
        return o == null ? null : new String((byte[]) o, StandardCharsets.UTF_8);
    }
}
