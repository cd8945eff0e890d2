package io.github.mp4j;

import java.time.Duration;

/**
 * A {@link Queue} that counts unfinished tasks: Python's {@code multiprocessing.JoinableQueue}.
 *
 * <p>Each {@code put} adds one unfinished task; each {@link #taskDone()} finishes one. {@link #join()} waits
 * until none is left. When a consumer process dies holding tasks it took but did not finish, they go back to
 * the queue (the default) or are counted as done, so {@code join()} never hangs on a dead worker.
 *
 * <p><b>A task whose item cannot be decoded</b> ({@link Queue#get()} throws {@link DecodeException}, e.g. a type
 * the consumer's {@link TypePolicy} refuses or its class path lacks) is consumed and counted as done by the queue
 * itself, so {@code join()} cannot hang on it: the consumer must not call {@link #taskDone()} for it (the
 * {@code get} threw, so there is no task in its hands). The owner logs each such item as a warning naming the type
 * and the consumer, and counts it: {@link #tasksUndecodable()}.
 *
 * <p><b>Re-runs.</b> A worker that dies after it acted on a task (say, put its result on another queue) but before
 * {@code taskDone()} has that task requeued and run again by another worker: make results idempotent or key them by
 * a task id. {@link #tasksRequeued()} says how often this happened.
 *
 * @param <T> the type of the items
 */
public interface JoinableQueue<T> extends Queue<T> {

    /**
     * Marks one task taken by this process as finished.
     *
     * @throws IllegalStateException {@code "taskDone() called too many times"} if no task is unfinished
     */
    void taskDone();

    /** Waits until every item ever put has been taken and marked done. */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} until every item put has been taken and marked done.
     *
     * @return true if all tasks are done, false if the timeout ended first
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * How many tasks of workers that ended holding them were put back on the queue (the owner's count; in another
     * process it is asked over the connection).
     *
     * @throws UnsupportedOperationException if this implementation does not count them
     */
    default long tasksRequeued() {
        throw new UnsupportedOperationException(getClass().getName() + " does not count requeued tasks");
    }

    /**
     * How many tasks of workers that ended holding them were counted as done instead of requeued, where the queue
     * was configured so.
     *
     * @throws UnsupportedOperationException if this implementation does not count them
     */
    default long tasksCountedAsDone() {
        throw new UnsupportedOperationException(getClass().getName() + " does not count tasks counted as done");
    }

    /**
     * How many tasks ended because a consumer's {@code get} could not decode their item (each counted as done by the
     * queue itself, see above).
     *
     * @throws UnsupportedOperationException if this implementation does not count them
     */
    default long tasksUndecodable() {
        throw new UnsupportedOperationException(getClass().getName() + " does not count undecodable tasks");
    }
}
