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
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.UnblockType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs blocking Redis commands ({@code BLMOVE}, {@code BLPOP}) so that the caller can be interrupted: the command
 * runs on a helper thread with a connection of its own while the caller waits for it; an interrupted caller
 * unblocks the command ({@code CLIENT UNBLOCK}), waits for it to end and throws {@link InterruptedException}. A
 * result that arrives for an interrupted caller goes to the caller's {@code abandoned} handler (a {@code BLMOVE}
 * that moved an item into the in-flight list hands it to the taker's held items), never nowhere.
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
        return call(op, abandoned -> { });
    }

    /**
     * Runs {@code op} (a blocking command with a finite timeout) and returns its result; if the caller is
     * interrupted, a non-null result the command produced anyway goes to {@code abandoned} before the
     * {@link InterruptedException} is thrown.
     *
     * @throws InterruptedException if the caller was interrupted
     * @throws JedisException if Redis failed
     */
    <T> T call(Function<Jedis, T> op, Consumer<? super T> abandoned) throws InterruptedException {
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
            T late = cancel(result, id);
            if (late != null) {
                abandoned.accept(late);
            }
            throw e;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Unblocks the command until it ends; returns what it produced anyway, or null. */
    private <T> T cancel(Future<T> result, long id) {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    link.call(j -> j.clientUnblock(id, UnblockType.TIMEOUT));
                } catch (JedisException ignored) {
                    // The server is gone: the command fails by itself.
                }
                try {
                    return result.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // The command had not reached the server yet: unblock again.
                } catch (ExecutionException failed) {
                    return null;
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
