package io.github.mp4j;

/**
 * A FIFO shared by processes, with no size limit: Python's {@code multiprocessing.SimpleQueue}.
 *
 * <p>The process that created the queue owns its items; other processes reach it over a connection. Items
 * are encoded in the caller's {@code put}, so an item that cannot be encoded fails there and later changes
 * to the object do not change what was put.
 *
 * @param <T> the type of the items
 */
public interface SimpleQueue<T> extends AutoCloseable {

    /**
     * Appends {@code item}. Never blocks on an unbounded queue.
     *
     * @throws SerializationException if the item cannot be encoded; nothing is put
     * @throws TypeNotAllowedException if the queue's {@link TypePolicy} refuses a type the item names (top-level or
     *     nested: what a consumer would refuse); nothing is put
     * @throws QueueClosedException if this process closed the queue
     * @throws QueueBrokenException if the owner is gone
     */
    void put(T item) throws InterruptedException;

    /**
     * Removes and returns the head item, waiting as long as it takes.
     *
     * <p>If the item cannot be decoded here, the item is consumed all the same (it does not come back) and this
     * throws {@link DecodeException} (or a subclass naming the type) with the raw payload; the queue stays usable.
     * The owner logs each such item as a warning with the type and this process, and a {@link JoinableQueue}
     * counts its task as done itself ({@link JoinableQueue#tasksUndecodable()}): do not call
     * {@code taskDone()} for it.
     *
     * @throws DecodeException if the item cannot be decoded in this process; it is consumed
     * @throws QueueClosedException if this process closed the queue
     * @throws QueueBrokenException if the owner is gone; waiters get this instead of hanging
     * @throws InterruptedException if interrupted while waiting; no item is taken
     */
    T get() throws InterruptedException;

    /** Whether the queue holds no items at this moment. */
    boolean empty();

    /**
     * Closes this process's use of the queue: later {@code put}/{@code get} here throw
     * {@link QueueClosedException}. Items this process already put are still delivered. Idempotent.
     */
    @Override
    void close();
}
