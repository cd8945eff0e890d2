package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.pipe.internal.DaemonThreads;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Renews this process's leases on every queue it used, every third of the lease, and on the same tick puts back
 * what takers with expired leases held (any live process of any host does this for every queue it uses).
 */
final class LeaseKeeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    private final RedisLink link;
    private final ScheduledExecutorService timer;

    LeaseKeeper(RedisLink link, long periodMillis) {
        this.link = link;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                r -> DaemonThreads.create("mp4j-redis-lease " + link.server(), r));
        timer.scheduleWithFixedDelay(this::tickAll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void tickAll() {
        for (Keys keys : link.leased()) {
            if (link.isClosed() || Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                tick(keys);
            } catch (JedisException | IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "renewing the lease on queue ''{0}'' at {1} failed: {2}",
                        keys.name, link.server(), e.getMessage());
            }
        }
    }

    /** Runs {@code task} once on the keeper's thread after {@code nanos}; nothing once the keeper is closed. */
    void later(Runnable task, long nanos) {
        try {
            timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // The link is closing: its close gives back everything this taker holds.
        }
    }

    /** Renews this taker's lease on one queue and puts back what expired takers held. */
    void tick(Keys keys) {
        run(keys, "tick");
    }

    /** Gives back what this taker holds on one queue, now. */
    void release(Keys keys) {
        run(keys, "release");
    }

    private void run(Keys keys, String mode) {
        Object r = link.callIdempotent(j -> Scripts.LEASE.run(j, List.of(keys.leases, keys.items, keys.unfinished, keys.meta,
                keys.done, keys.holder), List.of(keys.prefixBytes(), Keys.bytes(link.taker()),
                Keys.bytes(Long.toString(link.leaseMillis())), Keys.bytes(mode))));
        List<?> counts = (List<?>) r;
        long back = (Long) counts.get(0);
        long requeued = (Long) counts.get(1);
        long counted = (Long) counts.get(2);
        if (back + requeued + counted > 0) {
            // Giving back at close what this process holds (items taken ahead, above all) is routine; putting back
            // what an expired taker held is worth a warning.
            LOG.log(mode.equals("release") ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, "queue ''{0}'' at {1}: {2} items in flight and {3} unfinished "
                    + "tasks of takers whose lease ended were put back, {4} tasks counted as done ({5})",
                    keys.name, link.server(), back, requeued, counted, mode);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
