package io.github.mp4j.pool;

import java.io.Serializable;

/**
 * A function of two arguments for {@link JvmPool#starmap starmap}, serializable like {@link SerializableFunction}.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {
    /** The result for {@code (a, b)}; an exception fails the pair's task with it. */
    R apply(A a, B b) throws Exception;
}
