package io.github.mp4j.pool.internal;

import io.github.mp4j.pipe.internal.Deadline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code invokeAll} and {@code invokeAny} over any submit function, with a {@link Deadline} ({@link Deadline#NONE}:
 * no time limit), as {@link java.util.concurrent.AbstractExecutorService} does them.
 */
public final class Invocations {
    private Invocations() {
    }

    /**
     * Submits every task and waits until all are done or the deadline passes; then the unfinished ones are
     * cancelled. On interruption or a failed submit, every future is cancelled and the exception thrown.
     */
    public static <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks,
            Function<Callable<T>, ? extends Future<T>> submit, long deadline) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(submit.apply(task));
            }
            for (Future<T> f : futures) {
                long left = Deadline.remaining(deadline);
                try {
                    if (deadline == Deadline.NONE) {
                        f.get();
                    } else {
                        f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                    }
                } catch (ExecutionException | CancellationException e) {
                    // the future holds it
                } catch (TimeoutException e) {
                    futures.forEach(g -> g.cancel(true));
                    return futures;
                }
            }
            return futures;
        } catch (InterruptedException | RuntimeException e) {
            futures.forEach(g -> g.cancel(true));
            throw e;
        }
    }

    /**
     * Submits every task and returns the result of the first that succeeds; the others are cancelled.
     *
     * @throws IllegalArgumentException if {@code tasks} is empty
     * @throws ExecutionException the last failure, if every task failed
     * @throws TimeoutException if none finished before the deadline
     */
    public static <T> T invokeAny(Collection<? extends Callable<T>> tasks,
            Function<Callable<T>, CompletableFuture<T>> submit, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny of no tasks");
        }
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        LinkedBlockingQueue<CompletableFuture<T>> done = new LinkedBlockingQueue<>();
        try {
            for (Callable<T> task : tasks) {
                CompletableFuture<T> f = submit.apply(task);
                futures.add(f);
                f.whenComplete((v, e) -> done.add(f));
            }
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<T> f = deadline == Deadline.NONE ? done.take()
                        : done.poll(Math.max(0, Deadline.remaining(deadline)), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new TimeoutException("none of " + tasks.size() + " tasks finished in time");
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(g -> g.cancel(true));
        }
    }
}
