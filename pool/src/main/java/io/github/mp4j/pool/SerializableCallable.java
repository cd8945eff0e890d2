package io.github.mp4j.pool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that travels to a worker JVM: {@code pool.submit(() -> work())} picks this overload, so the
 * lambda is serializable. A plain {@code Callable} object given to the pool must implement {@link Serializable}.
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {
}
