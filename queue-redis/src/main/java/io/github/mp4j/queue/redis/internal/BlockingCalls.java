package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.pipe.internal.DaemonThreads;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.UnblockType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs blocking Redis commands ({@code BLMOVE}, {@code BLPOP}) so that the caller can be interrupted: the command
 * runs on a helper thread with a connection of its own while the caller waits for it; an interrupted caller
 * unblocks the command ({@code CLIENT UNBLOCK}), waits for it to end and throws {@link InterruptedException}. The
 * commands run here change nothing a caller could lose (waiting only), so an abandoned result is dropped.
 */
final class BlockingCalls implements AutoCloseable {
    private final RedisLink link;
    /** Each pooled connection's {@code CLIENT ID}, asked once per connection. */
    private final Map<Jedis, Long> ids = Collections.synchronizedMap(new WeakHashMap<>());
    private final ExecutorService helpers = Executors.newCachedThreadPool(DaemonThreads.factory("mp4j-redis-blocking"));

    BlockingCalls(RedisLink link) {
        this.link = link;
    }

    /**
     * Runs {@code op} (a blocking command with a finite timeout that only waits) and returns its result.
     *
     * @throws InterruptedException if the caller was interrupted
     * @throws JedisException if Redis failed
     */
    <T> T call(Function<Jedis, T> op) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Jedis jedis = link.borrow();
        long id;
        try {
            id = ids.computeIfAbsent(jedis, Jedis::clientId);
        } catch (JedisConnectionException e) {
            jedis.close();
            throw link.dropIdle(e);
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
        Future<T> result = helpers.submit(() -> {
            try (jedis) {
                return op.apply(jedis);
            } catch (JedisConnectionException e) {
                throw link.dropIdle(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel(result, id);
            throw e;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Unblocks the command until it ends. */
    private void cancel(Future<?> result, long id) {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    link.call(j -> j.clientUnblock(id, UnblockType.TIMEOUT));
                } catch (JedisException ignored) {
                    // The server is gone: the command fails by itself.
                }
                try {
                    result.get(20, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillRunning) {
                    // The command had not reached the server yet: unblock again.
                } catch (ExecutionException failed) {
                    return;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        helpers.shutdownNow();
    }
}
