package io.github.mp4j.pool;

import java.util.Iterator;

/**
 * The results of {@link JvmPool#imap imap} or {@link JvmPool#imapUnordered imapUnordered}, computed as the
 * iteration goes: at most {@linkplain JvmPool.Builder#maxTasksInFlight a bounded number} of chunks are sent and
 * not yet consumed, so an infinite input or a slow reader never fills memory.
 *
 * <p>{@link #next()} blocks until the next result is there and throws, unchecked, what the task threw
 * ({@link RemoteTaskException}), {@link WorkerDiedException}, or the input's own exception; iteration may go on
 * after such an exception with the next chunk. An interrupt while waiting throws
 * {@link java.util.concurrent.CompletionException} caused by {@link InterruptedException}, with the interrupt flag
 * kept. {@link #close()} cancels what is left; a map abandoned without closing keeps feeding the pool (and keeps a
 * shut-down pool from terminating) until it is consumed or the pool is {@linkplain JvmPool#shutdownNow stopped}.
 *
 * @param <R> the result type
 */
public interface MapIterator<R> extends Iterator<R>, AutoCloseable {
    /** Stops feeding the input and cancels the chunks not yet consumed, interrupting those running. Idempotent. */
    @Override
    void close();
}
