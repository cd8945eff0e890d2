package io.github.mp4j.pool;

import java.io.Serializable;

/**
 * A {@link Runnable} that travels to a worker JVM: tasks given to {@link JvmPool#execute} or {@link JvmPool#submit}
 * and the pool's {@linkplain JvmPool.Builder#initializer initializer}.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
