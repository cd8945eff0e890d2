package io.github.mp4j;

import java.time.Duration;

/**
 * A FIFO shared by processes, optionally bounded: Python's {@code multiprocessing.Queue}.
 *
 * <p>{@link #qsize()}, {@link #empty()} and {@link #full()} are exact (the owner counts), on every OS. Items
 * from one producer arrive in the order it put them; blocked getters are served in arrival order; waiters use
 * no CPU. Timeouts are {@link Duration}s; a negative timeout means zero.
 *
 * @param <T> the type of the items
 */
public interface Queue<T> extends SimpleQueue<T> {

    /**
     * Appends {@code item}, waiting while a bounded queue is full.
     *
     * @throws InterruptedException if interrupted while waiting; the item is not put
     */
    @Override
    void put(T item) throws InterruptedException;

    /**
     * Appends {@code item}, waiting at most {@code timeout} while a bounded queue is full.
     *
     * @throws QueueFullException if the queue is still full when the timeout ends
     */
    void put(T item, Duration timeout) throws InterruptedException;

    /**
     * Appends {@code item} if there is room now.
     *
     * @throws QueueFullException if the queue is full
     */
    void putNowait(T item);

    /**
     * Removes and returns the head item, waiting at most {@code timeout}. An item that cannot be decoded is
     * consumed and reported as in {@link SimpleQueue#get()}.
     *
     * @throws DecodeException if the item cannot be decoded in this process; it is consumed
     * @throws QueueEmptyException if no item arrived in time
     */
    T get(Duration timeout) throws InterruptedException;

    /**
     * Removes and returns the head item if there is one now. An item that cannot be decoded is consumed and
     * reported as in {@link SimpleQueue#get()}.
     *
     * @throws DecodeException if the item cannot be decoded in this process; it is consumed
     * @throws QueueEmptyException if the queue is empty
     */
    T getNowait();

    /** The exact number of items in the queue at this moment. */
    int qsize();

    /** Whether a bounded queue holds {@link #maxsize()} items at this moment; always false when unbounded. */
    boolean full();

    /** The bound given at creation, or 0 for an unbounded queue (Python's convention). */
    int maxsize();

    /**
     * Waits until every item this process put has been handed to the owner. Called automatically at JVM exit
     * unless {@link #cancelJoinThread()} was called. Only valid after {@link #close()}, as in CPython.
     *
     * @throws IllegalStateException {@code "Queue is still open"} if the queue was not closed first
     */
    void joinThread() throws InterruptedException;

    /** Lets this JVM exit without waiting for items it put to reach the owner (they may be lost). */
    void cancelJoinThread();
}
