package io.github.mp4j;

import java.time.Duration;

/**
 * A {@link Queue} that counts unfinished tasks: Python's {@code multiprocessing.JoinableQueue}.
 *
 * <p>Each {@code put} adds one unfinished task; each {@link #taskDone()} finishes one. {@link #join()} waits
 * until none is left. When a consumer process dies holding tasks it took but did not finish, they go back to
 * the queue (the default) or are counted as done, so {@code join()} never hangs on a dead worker.
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
}
