package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.internal.LocalProcess;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.internal.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * One process's link to one Redis server: a pool of connections, this process's taker id, the lease keeper that
 * renews its leases and puts back what expired takers held, and the helper that makes blocking commands
 * interruptible. Thread-safe.
 *
 * <p>Jedis 7 deprecates {@code JedisPool} for {@code RedisClient}, whose commands borrow a connection per call; a
 * blocking command here needs one connection of its own, whose {@code CLIENT ID} another connection can
 * {@code CLIENT UNBLOCK}, which the pool gives directly.
 */
@SuppressWarnings("deprecation")
public final class RedisLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    /** The longest a blocking command ({@code BLMOVE}, {@code BLPOP}) waits at the server before it is re-issued. */
    static final int BLOCKING_SLICE_MILLIS = 2000;

    private final String server;
    private final JedisPool pool;
    private final String taker;
    private final long leaseMillis;
    private final long retryNanos;
    private final int prefetch;
    private final Duration prefetchIdle;
    private final boolean backgroundPuts;
    /** The background put senders of this link's queues, flushed at close. */
    private final Set<PutBatcher> feeders = ConcurrentHashMap.newKeySet();
    private final ExecutorService feederThreads = Executors.newCachedThreadPool(
            DaemonThreads.factory("mp4j-redis-feeder"));
    /** With background puts: sends what waits when the JVM exits without closing this link, as Python does. */
    private final Thread flushAtExit;
    /** The queues this process holds leases on, by name. */
    private final Map<String, Keys> leased = new ConcurrentHashMap<>();
    private final LeaseKeeper keeper;
    private final BlockingCalls blocking;
    private volatile boolean closed;

    /**
     * @param uri {@code redis://[user:password@]host[:port][/database]} or {@code rediss://...} (TLS)
     * @param lease how long a taker's items stay its own without a renewal
     * @param retry how long an operation retries connecting to an unreachable server before it fails
     * @param timeout connect and read timeout of non-blocking commands
     * @param poolSize most connections at once (each blocked get or put holds one)
     * @param prefetch most items a process takes ahead of its gets, per queue
     * @param prefetchIdle how long items taken ahead stay with a process that makes no get
     * @param backgroundPuts whether puts of unbounded queues return before their item is in Redis
     *                       ({@link PutBatcher})
     */
    public RedisLink(URI uri, Duration lease, Duration retry, Duration timeout, int poolSize, int prefetch,
                     Duration prefetchIdle, boolean backgroundPuts) {
        this.server = describe(uri);
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(poolSize);
        config.setMaxIdle(poolSize);
        config.setMinIdle(0);
        config.setMaxWait(timeout);
        config.setJmxEnabled(false);
        int millis = (int) Math.min(Integer.MAX_VALUE - BLOCKING_SLICE_MILLIS, timeout.toMillis());
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                // A blocking command waits at most one slice at the server: a lost host fails it soon after.
                .blockingSocketTimeoutMillis(BLOCKING_SLICE_MILLIS + millis)
                .user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri)).ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("mp4j").build();
        this.pool = new JedisPool(config, JedisURIHelper.getHostAndPort(uri), client);
        this.taker = LocalProcess.id() + ":" + UUID.randomUUID().toString().substring(0, 8);
        this.leaseMillis = lease.toMillis();
        this.retryNanos = retry.toNanos();
        this.prefetch = prefetch;
        this.prefetchIdle = prefetchIdle;
        this.backgroundPuts = backgroundPuts;
        this.flushAtExit = backgroundPuts ? DaemonThreads.create("mp4j-redis-flush-at-exit " + server,
                this::flushFeeders) : null;
        if (flushAtExit != null) {
            Runtime.getRuntime().addShutdownHook(flushAtExit);
        }
        this.blocking = new BlockingCalls(this);
        this.keeper = new LeaseKeeper(this, Math.max(50, leaseMillis / 3));
    }

    /** {@code redis://host:port/db} without user or password. */
    public static String describe(URI uri) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? "/0"
                : uri.getPath();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + ":" + port + path;
    }

    /** The server, {@code redis://host:port/db}, without credentials. */
    public String server() {
        return server;
    }

    String taker() {
        return taker;
    }

    long leaseMillis() {
        return leaseMillis;
    }

    int prefetch() {
        return prefetch;
    }

    Duration prefetchIdle() {
        return prefetchIdle;
    }

    /** A put sender for the list {@code key}, in this link's put mode; flushed when the link closes. */
    PutBatcher putBatcher(byte[] key) {
        PutBatcher p = new PutBatcher(this, key, backgroundPuts);
        if (backgroundPuts) {
            feeders.add(p);
        }
        return p;
    }

    /** Sends what background puts hold; a failure is logged (no put is left to report it to). */
    private void flushFeeders() {
        for (PutBatcher p : feeders) {
            try {
                p.flush();
            } catch (JedisException | IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "{0}: {1}", server, e.getMessage());
            }
        }
    }

    /** Stops flushing {@code p} at close (its queue was closed and flushed). */
    void forget(PutBatcher p) {
        feeders.remove(p);
    }

    /**
     * Runs a background put sender on a feeder thread.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the link is closed
     */
    void feed(Runnable sender) {
        feederThreads.execute(sender);
    }

    BlockingCalls blocking() {
        return blocking;
    }

    /** Registers this taker's lease on a queue now and keeps renewing it while the link is open. */
    void lease(Keys keys) {
        keeper.tick(keys);
        leased.putIfAbsent(keys.name, keys);
    }

    /** Runs {@code task} once, on the lease keeper's thread, after {@code nanos} (not after close). */
    void later(Runnable task, long nanos) {
        keeper.later(task, nanos);
    }

    Collection<Keys> leased() {
        return leased.values();
    }

    /**
     * Runs {@code op} on a pooled connection; an unreachable server is retried within the retry budget.
     *
     * @throws JedisException when Redis fails or stays unreachable
     */
    <T> T call(Function<Jedis, T> op) {
        try (Jedis jedis = borrow()) {
            return op.apply(jedis);
        } catch (JedisConnectionException e) {
            throw dropIdle(e);
        }
    }

    /**
     * Like {@link #call} for operations that change nothing or may run twice (reads, lease renewal): one
     * connection failure is retried once on a fresh connection, so the first such call after a server restart
     * does not fail on a connection the old server left dead.
     */
    <T> T callIdempotent(Function<Jedis, T> op) {
        try {
            return call(op);
        } catch (JedisConnectionException stale) {
            return call(op);
        }
    }

    /**
     * After a connection failed, drops the idle pooled connections too (after a server restart they are all
     * dead), so that the next operation connects afresh instead of failing on the next stale one.
     */
    JedisConnectionException dropIdle(JedisConnectionException e) {
        if (!closed) {
            pool.clear();
        }
        return e;
    }

    /** A pooled connection; retries connecting within the retry budget. The caller closes it. */
    Jedis borrow() {
        if (closed) {
            throw new IllegalStateException("the RedisQueues of " + server + " is closed");
        }
        long deadline = Deadline.afterNanos(retryNanos);
        long pause = 10_000_000L;
        for (;;) {
            try {
                return pool.getResource();
            } catch (JedisConnectionException e) {
                long left = Deadline.remaining(deadline);
                if (left <= 0) {
                    throw e;
                }
                LockSupport.parkNanos(Math.min(left, pause));
                pause = Math.min(pause * 2, 500_000_000L);
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends what background puts still hold (a failure is logged: it cannot be reported to a put any more), then
     * stops renewing this process's leases and gives back at once what it holds: items in flight return to their
     * queues, unfinished joinable tasks follow each queue's OnWorkerDeath policy. Then closes the connections.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flushFeeders();
        if (flushAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(flushAtExit);
            } catch (IllegalStateException exiting) {
                // The JVM is exiting: the hook runs (or ran) anyway.
            }
        }
        keeper.close();
        for (Keys keys : leased.values()) {
            try {
                keeper.release(keys);
            } catch (JedisException e) {
                LOG.log(System.Logger.Level.WARNING, "could not give back the items of queue ''{0}'' at {1}: {2};"
                        + " they return when the lease expires", keys.name, server, e.getMessage());
            }
        }
        closed = true;
        blocking.close();
        feederThreads.shutdownNow();
        pool.close();
    }
}
