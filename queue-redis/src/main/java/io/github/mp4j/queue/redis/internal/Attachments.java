package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.Queues;
import io.github.mp4j.queue.redis.internal.share.RedisQueueHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's Redis servers that accept queue handles, by server ({@code redis://host:port/db}): a
 * {@code RedisQueues} registers itself when it is built with {@code acceptHandles} on (the default) and leaves when
 * closed. A handle for a server not registered here attaches nowhere: its queue fails on first use.
 */
public final class Attachments {
    /** Makes a queue of a handle with the receiving process's configuration. */
    public interface Attacher {
        /** This process's backend for the handle's queue. */
        QueueBackend attach(RedisQueueHandle handle);
    }

    private static final Map<String, Attacher> SERVERS = new ConcurrentHashMap<>();

    private Attachments() {
    }

    /** Accepts handles for {@code server} with {@code attacher}; replaces an earlier one for the same server. */
    public static void register(String server, Attacher attacher) {
        SERVERS.put(server, attacher);
    }

    /** Stops accepting handles for {@code server} through {@code attacher}. */
    public static void unregister(String server, Attacher attacher) {
        SERVERS.remove(server, attacher);
    }

    static Attacher find(String server) {
        return SERVERS.get(server);
    }

    /** A view over a queue received as {@code handle}, attached on first use. */
    public static Object resolve(RedisQueueHandle handle) {
        return Queues.view(new LazyRedisQueue(handle), handle.kind());
    }
}
