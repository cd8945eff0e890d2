package io.github.mp4j.pool;

import java.io.Serializable;

/**
 * A function a worker JVM runs on each element of a {@link JvmPool#map map}: a lambda or method reference given
 * where this type is expected is serializable, so it travels to the worker (with what it captures, which must be
 * serializable too) and runs there on the parent's class path.
 *
 * @param <T> the element type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
    /** The result for {@code t}; an exception fails the element's task with it (see {@link RemoteTaskException}). */
    R apply(T t) throws Exception;
}
