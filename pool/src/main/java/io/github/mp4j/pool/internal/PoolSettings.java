package io.github.mp4j.pool.internal;

import io.github.mp4j.queue.QueueFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The values a {@code JvmPool.Builder} collects, checked as they are set (an {@link IllegalArgumentException} names
 * the setting and the value refused), with the defaults filled in by {@link #config()}. Not thread-safe.
 */
public final class PoolSettings {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final QueueFactory factory;
    private String name;
    private int workers = Runtime.getRuntime().availableProcessors();
    private Runnable initializer;
    private int maxTasksPerChild;
    private List<String> jvmOptions = List.of();
    private int warmSpares;
    private boolean idempotent;
    private int maxDeathsPerTask = 3;
    private int maxTasksInFlight;

    /** @throws NullPointerException if {@code factory} is null */
    public PoolSettings(QueueFactory factory) {
        if (factory == null) {
            throw new NullPointerException("factory is null");
        }
        this.factory = factory;
    }

    public void name(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("pool name must be non-empty, got " + name);
        }
        this.name = name;
    }

    public void workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers + " must be at least 1");
        }
        this.workers = workers;
    }

    public void initializer(Runnable initializer) {
        this.initializer = initializer;
    }

    public void maxTasksPerChild(int maxTasks) {
        if (maxTasks < 0) {
            throw new IllegalArgumentException("maxTasksPerChild " + maxTasks + " is negative");
        }
        this.maxTasksPerChild = maxTasks;
    }

    public void jvmOptions(String... options) {
        this.jvmOptions = List.of(options);
    }

    public void warmSpares(int spares) {
        if (spares < 0) {
            throw new IllegalArgumentException("warmSpares " + spares + " is negative");
        }
        this.warmSpares = spares;
    }

    public void idempotentTasks(boolean idempotent) {
        this.idempotent = idempotent;
    }

    public void maxDeathsPerTask(int deaths) {
        if (deaths < 1) {
            throw new IllegalArgumentException("maxDeathsPerTask " + deaths + " must be at least 1");
        }
        this.maxDeathsPerTask = deaths;
    }

    public void maxTasksInFlight(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("maxTasksInFlight " + chunks + " must be at least 1");
        }
        this.maxTasksInFlight = chunks;
    }

    /** The config to build a pool with: name {@code JvmPool-<n>} and {@code 4 * workers} chunks in flight if unset. */
    public PoolConfig config() {
        String poolName = name != null ? name : "JvmPool-" + POOLS.incrementAndGet();
        int window = maxTasksInFlight > 0 ? maxTasksInFlight : 4 * workers;
        return new PoolConfig(factory, poolName, workers, initializer, maxTasksPerChild, jvmOptions, warmSpares,
                idempotent, maxDeathsPerTask, window);
    }
}
