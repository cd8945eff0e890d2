package io.github.mp4j.pool.internal;

import io.github.mp4j.queue.QueueFactory;
import java.util.List;

/**
 * What a pool is built with (see {@code JvmPool.Builder}, which checks the values).
 *
 * @param factory the pipes' serializer, policy and settings
 * @param name the pool's name, prefix of its workers' names
 * @param workers the number of worker JVMs
 * @param initializer run once in every worker before its first task, or null
 * @param maxTasksPerChild tasks after which a worker is replaced, 0 for never
 * @param jvmOptions extra options of every worker JVM
 * @param warmSpares idle JVMs kept ready to replace workers, 0 for none
 * @param idempotent whether a task whose worker died runs again
 * @param maxDeathsPerTask deaths after which an idempotent task fails
 * @param maxTasksInFlight chunks of one map/imap submitted and not yet consumed, at most
 */
public record PoolConfig(QueueFactory factory, String name, int workers, Runnable initializer, int maxTasksPerChild,
        List<String> jvmOptions, int warmSpares, boolean idempotent, int maxDeathsPerTask, int maxTasksInFlight) {
}
