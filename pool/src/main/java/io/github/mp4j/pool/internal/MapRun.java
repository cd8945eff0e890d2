package io.github.mp4j.pool.internal;

import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pool.MapIterator;
import io.github.mp4j.pool.ProgressListener;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One map over the pool. A feeder thread cuts the input into chunks and submits them while fewer than
 * {@code window} chunks are submitted and not yet consumed (back-pressure for huge or infinite inputs); the reader
 * takes the finished chunks in input order ({@code imap}, {@code map}) or in completion order
 * ({@code imapUnordered}). The progress listener hears each finished chunk.
 *
 * @param <R> the result type
 */
public final class MapRun<R> implements MapIterator<R> {
    private final Scheduler scheduler;
    private final Iterator<?> input;
    private final Chunker chunker;
    private final MapFunction function;
    private final boolean ordered;
    private final int window;
    private final long total;
    private final ProgressListener listener;
    private final String what;
    private final Runnable onEnd;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, Outcome> finished = new HashMap<>();
    private final ArrayDeque<Outcome> finishedInOrderDone = new ArrayDeque<>();
    private final Set<PoolTask> outstanding = ConcurrentHashMap.newKeySet();
    private final Object progressLock = new Object();
    private long submitted;
    private long consumed;
    private long doneElements;
    private boolean inputEnded;
    private boolean closed;
    private long chunkTasks;
    private long chunksSettled;
    private boolean forgotten;
    private Iterator<?> current;

    /**
     * @param chunker cuts the input into chunks
     * @param function the map's function, sent to each worker once
     * @param total the number of elements, -1 if unknown
     * @param onEnd run once when the feeder ends
     */
    MapRun(Scheduler scheduler, Iterator<?> input, Chunker chunker, MapFunction function,
            boolean ordered, int window, long total, ProgressListener listener, String what, Runnable onEnd) {
        this.scheduler = scheduler;
        this.input = input;
        this.chunker = chunker;
        this.function = function;
        this.ordered = ordered;
        this.window = window;
        this.total = total;
        this.listener = listener;
        this.what = what;
        this.onEnd = onEnd;
    }

    /** Starts feeding; the pool counts this map as running until the input ends or the map is closed. */
    public MapRun<R> start() {
        scheduler.mapStarted();
        DaemonThreads.start("mp4j-pool-feeder", this::feed);
        return this;
    }

    private void feed() {
        try {
            while (awaitRoom()) {
                Object[] chunk;
                try {
                    chunk = chunker.next(input);
                } catch (RuntimeException e) {
                    offer(nextIndex(), new Outcome(null, e));
                    return;
                }
                if (chunk == null) {
                    return;
                }
                long index = nextIndex();
                int size = chunker.elements(chunk);
                PoolTask task;
                try {
                    task = scheduler.submitChunk(function, chunk, what + " chunk " + index);
                } catch (RuntimeException e) {
                    offer(index, new Outcome(null, e));
                    return;
                }
                outstanding.add(task);
                countChunkTask();
                task.whenComplete((value, error) -> {
                    outstanding.remove(task);
                    chunkDone(index, size, value, error);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                inputEnded = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            forgetFunctionIfDone();
            scheduler.mapEnded();
            onEnd.run();
        }
    }

    private boolean awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && submitted - consumed >= window) {
                changed.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private long nextIndex() {
        lock.lock();
        try {
            return submitted++;
        } finally {
            lock.unlock();
        }
    }

    private void chunkDone(long index, int size, Object value, Throwable error) {
        RuntimeException failure = error == null ? null
                : error instanceof RuntimeException ? (RuntimeException) error : new CompletionException(error);
        if (listener != null) { // before the outcome is offered: map() returns after the last report
            synchronized (progressLock) {
                doneElements += size;
                listener.progress(doneElements, total);
            }
        }
        offer(index, new Outcome(failure == null ? (List<?>) value : null, failure));
        lock.lock();
        try {
            chunksSettled++;
        } finally {
            lock.unlock();
        }
        forgetFunctionIfDone();
    }

    private void countChunkTask() {
        lock.lock();
        try {
            chunkTasks++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Once the feeder has ended and every chunk it submitted is settled (or the map is closed), the workers drop the
     * map's function.
     */
    private void forgetFunctionIfDone() {
        lock.lock();
        try {
            if (forgotten || !inputEnded || !(closed || chunksSettled == chunkTasks)) {
                return;
            }
            forgotten = true;
        } finally {
            lock.unlock();
        }
        scheduler.forget(function);
    }

    private void offer(long index, Outcome outcome) {
        lock.lock();
        try {
            if (ordered) {
                finished.put(index, outcome);
            } else {
                finishedInOrderDone.add(outcome);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            Outcome outcome = take();
            if (outcome == null) {
                return false;
            }
            if (outcome.error() != null) {
                current = null;
                throw outcome.error();
            }
            current = outcome.results().iterator();
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results of " + what);
        }
        return (R) current.next();
    }

    /** The next finished chunk, or null at the end. */
    private Outcome take() {
        lock.lock();
        try {
            while (true) {
                Outcome outcome = ordered ? finished.remove(consumed) : finishedInOrderDone.poll();
                if (outcome != null) {
                    consumed++;
                    changed.signalAll();
                    return outcome;
                }
                if ((inputEnded && consumed == submitted) || closed) {
                    return null;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted while waiting for the next result of " + what, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        outstanding.forEach(t -> t.cancel(true));
        forgetFunctionIfDone();
    }
}
