package io.github.mp4j.pool;

import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pool.internal.CallWork;
import io.github.mp4j.pool.internal.Invocations;
import io.github.mp4j.pool.internal.MapCalls;
import io.github.mp4j.pool.internal.PoolConfig;
import io.github.mp4j.pool.internal.PoolSettings;
import io.github.mp4j.pool.internal.PoolTask;
import io.github.mp4j.pool.internal.RunnableCall;
import io.github.mp4j.pool.internal.Scheduler;
import io.github.mp4j.pool.internal.TaskCalls;
import io.github.mp4j.queue.QueueFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of worker JVMs: Python's {@code multiprocessing.Pool} and {@code concurrent.futures.ProcessPoolExecutor}
 * as a {@link ExecutorService}.
 *
 * <pre>{@code
 * try (JvmPool pool = JvmPool.builder(QueueFactory.defaults()).workers(4).build()) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));       // [1, 4, 9]
 *     CompletableFuture<String> f = pool.applyAsync(() -> "hi from " + JvmProcess.currentProcess().name());
 * }
 * }</pre>
 *
 * <p><b>Tasks</b> are serializable lambdas, method references or objects ({@link SerializableCallable},
 * {@link SerializableFunction}, ...; a plain {@link Callable} or {@link Runnable} object must implement
 * {@link java.io.Serializable}). They are JDK-serialized in the calling thread — a task that cannot be serialized
 * throws {@link SerializationException} there — and run in a worker on this JVM's class path, as a
 * {@link io.github.mp4j.process.JvmProcess} target does. A map's function is serialized once per map and sent once
 * to each worker; the elements of its chunks travel encoded with the factory's serializer (so they must be values it
 * can encode; with Kryo they need not be {@link java.io.Serializable}), decoded in the worker with no type policy (it
 * trusts its parent, as it trusts the task code). Results come back with the factory's serializer and are
 * decoded under its {@link io.github.mp4j.TypePolicy}: a result type the policy refuses, or that cannot be
 * serialized, fails that task only.
 *
 * <p><b>Failures.</b> An exception in a task completes its future exceptionally with a
 * {@link RemoteTaskException} (remote class, message and stack trace, naming the worker); the blocking verbs
 * ({@link #map}, {@link #apply}, ...) throw it. A worker that dies — {@code kill -9}, {@code System.exit},
 * {@link OutOfMemoryError} (workers run with {@code -XX:+ExitOnOutOfMemoryError}) — fails only the task it was
 * running, with {@link WorkerDiedException}; with {@link Builder#idempotentTasks idempotent tasks} that task runs
 * again on another worker, until {@link Builder#maxDeathsPerTask} workers died running it. The worker is replaced
 * and the pool goes on: it never hangs and never breaks whole. Only workers that cannot start at all (three in a
 * row exit before they are ready: a bad JVM option, an initializer that throws) stop the pool: its pending tasks
 * fail with {@link RejectedExecutionException} naming the reason.
 *
 * <p><b>Cancellation and shutdown.</b> {@code future.cancel(true)} of a running task interrupts it in its worker;
 * {@code cancel(false)} drops it if it has not begun. {@link #shutdown()} lets queued tasks and running maps finish,
 * then the workers exit; {@link #shutdownNow()} cancels everything and kills the workers; {@link #close()} is
 * {@code shutdown()} then waiting for termination (Java 19's {@code ExecutorService.close}; Python's
 * {@code with Pool()} calls {@code terminate()} instead, which is {@code shutdownNow()}). Worker JVMs are daemon
 * children and every pool thread is a daemon thread: a pool left unclosed never keeps this JVM alive, and workers
 * never outlive it (they watch their parent, even through {@code kill -9}).
 *
 * <p>Instances are thread-safe.
 */
public final class JvmPool implements ExecutorService, AutoCloseable {
    private final Scheduler scheduler;
    private final MapCalls maps;
    private final TaskCalls tasks;

    private JvmPool(PoolConfig config) {
        this.scheduler = new Scheduler(config);
        this.maps = new MapCalls(scheduler);
        this.tasks = new TaskCalls(scheduler);
    }

    /** A builder of a pool whose pipes use {@code factory}'s serializer, type policy and settings. */
    public static Builder builder(QueueFactory factory) {
        return new Builder(factory);
    }

    /** A pool of {@code workers} worker JVMs with {@code factory}'s settings and the other defaults. */
    public static JvmPool of(QueueFactory factory, int workers) {
        return builder(factory).workers(workers).build();
    }

    /** The number of worker JVMs this pool keeps. */
    public int workers() {
        return scheduler.config().workers();
    }

    // ---- Python's verbs -------------------------------------------------------------------------------------

    /**
     * {@code Pool.map}: {@code fn} applied to every element, in input order, with CPython's default chunk size
     * ({@link #defaultChunksize}). Blocks until all are done.
     *
     * @throws RemoteTaskException the first exception a task threw (the other chunks are cancelled)
     * @throws WorkerDiedException if a worker died running a chunk
     * @throws SerializationException if {@code fn} cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down
     * @throws InterruptedException if interrupted while waiting (the chunks left are cancelled)
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input)
            throws InterruptedException {
        return map(fn, input, 0, null);
    }

    /** {@link #map(SerializableFunction, Iterable)} with {@code chunksize} elements per task (0: the default). */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input,
            int chunksize) throws InterruptedException {
        return map(fn, input, chunksize, null);
    }

    /**
     * {@link #map(SerializableFunction, Iterable, int)} telling {@code listener} (which may be null) the number of
     * elements done after each chunk, for a progress bar.
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input,
            int chunksize, ProgressListener listener) throws InterruptedException {
        return maps.map(fn, input, chunksize, listener);
    }

    /**
     * {@code Pool.starmap}: {@code fn(key, value)} for every pair, in input order, CPython's default chunk size.
     * Throws as {@link #map(SerializableFunction, Iterable)}.
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException {
        return starmap(fn, pairs, 0);
    }

    /** {@link #starmap(SerializableBiFunction, Iterable)} with {@code chunksize} pairs per task (0: the default). */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) throws InterruptedException {
        return maps.starmap(fn, pairs, chunksize);
    }

    /**
     * {@code Pool.imap}: results in input order, computed lazily as the iteration goes, one element per task.
     * Takes any iterable, infinite ones too: see {@link MapIterator} for back-pressure, errors and closing.
     */
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input) {
        return imap(fn, input, 1, null);
    }

    /** {@link #imap(SerializableFunction, Iterable)} with {@code chunksize} elements per task. */
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input,
            int chunksize) {
        return imap(fn, input, chunksize, null);
    }

    /** {@link #imap(SerializableFunction, Iterable, int)} telling {@code listener} (may be null) the progress. */
    public <T, R> MapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input,
            int chunksize, ProgressListener listener) {
        return maps.imap(fn, input, chunksize, listener, true);
    }

    /** {@code Pool.imap_unordered}: like {@link #imap} but results in the order they finish. */
    public <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> input) {
        return imapUnordered(fn, input, 1);
    }

    /** {@link #imapUnordered(SerializableFunction, Iterable)} with {@code chunksize} elements per task. */
    public <T, R> MapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> input, int chunksize) {
        return maps.imap(fn, input, chunksize, null, false);
    }

    /**
     * {@code Pool.apply}: runs {@code task} in a worker and returns its result.
     *
     * @throws RemoteTaskException what the task threw
     * @throws WorkerDiedException if its worker died running it
     * @throws InterruptedException if interrupted while waiting (the task is cancelled and interrupted)
     */
    public <T> T apply(SerializableCallable<T> task) throws InterruptedException {
        return TaskCalls.await(applyAsync(task));
    }

    /** {@code Pool.apply(fn, (arg,))}: {@code fn(arg)} in a worker. Throws as {@link #apply(SerializableCallable)}. */
    public <A, R> R apply(SerializableFunction<? super A, ? extends R> fn, A arg) throws InterruptedException {
        return TaskCalls.await(applyAsync(fn, arg));
    }

    /** {@code Pool.apply_async}: the future of {@code task} run in a worker. */
    public <T> CompletableFuture<T> applyAsync(SerializableCallable<T> task) {
        return tasks.submit(task);
    }

    /** {@code Pool.apply_async(fn, (arg,))}: the future of {@code fn(arg)} run in a worker. */
    public <A, R> CompletableFuture<R> applyAsync(SerializableFunction<? super A, ? extends R> fn, A arg) {
        return tasks.enqueue(new CallWork((SerializableCallable<R>) () -> fn.apply(arg)), fn);
    }

    /**
     * CPython's default {@code map} chunk size for {@code length} elements: {@code divmod(length, 4 * workers)},
     * plus one if there is a remainder (at least 1).
     */
    public int defaultChunksize(long length) {
        return maps.defaultChunksize(length);
    }

    // ---- ExecutorService ------------------------------------------------------------------------------------

    /**
     * Runs {@code command} in a worker; it must be {@link java.io.Serializable}. Its exceptions are logged by
     * nobody: use {@link #submit(Runnable)} to see them.
     *
     * @throws SerializationException if it cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down
     */
    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    /** Picked for lambdas: {@code pool.submit(() -> work())} sends a serializable lambda. */
    public <T> CompletableFuture<T> submit(SerializableCallable<T> task) {
        return tasks.submit(task);
    }

    /** Picked for statement lambdas: {@code pool.submit(() -> { work(); })}. The future completes with null. */
    public CompletableFuture<?> submit(SerializableRunnable task) {
        return submit((Runnable) task);
    }

    /**
     * {@inheritDoc} The task must be {@link java.io.Serializable}.
     *
     * @throws SerializationException if it cannot be serialized
     */
    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return tasks.submit(task);
    }

    /**
     * {@inheritDoc} The task must be {@link java.io.Serializable}.
     *
     * @throws SerializationException if it cannot be serialized
     */
    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    /**
     * {@inheritDoc} The task and the result must be {@link java.io.Serializable}.
     *
     * @throws SerializationException if either cannot be serialized
     */
    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        return tasks.enqueue(new CallWork(new RunnableCall<>(task, result)), task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return Invocations.invokeAll(tasks, this::submit, Deadline.NONE);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return Invocations.invokeAll(tasks, this::submit, Deadline.afterNanos(unit.toNanos(timeout)));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return Invocations.invokeAny(tasks, this::submit, Deadline.NONE);
        } catch (TimeoutException e) {
            throw new AssertionError("no deadline, yet timed out", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return Invocations.invokeAny(tasks, this::submit, Deadline.afterNanos(unit.toNanos(timeout)));
    }

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }

    /**
     * Cancels every task not finished (interrupting running ones), closes every {@link MapIterator} and kills the
     * workers. Returns the tasks that had not been sent to a worker, as runnables that would run them in this JVM;
     * their futures are cancelled.
     */
    @Override
    public List<Runnable> shutdownNow() {
        maps.closeAll();
        List<Runnable> notRun = new ArrayList<>();
        for (PoolTask t : scheduler.shutdownNow()) {
            notRun.add(t.asLocalRunnable());
        }
        return notRun;
    }

    @Override
    public boolean isShutdown() {
        return scheduler.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return scheduler.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return scheduler.awaitTermination(Deadline.afterNanos(unit.toNanos(timeout)));
    }

    /**
     * {@link #shutdown()}, then waits until every worker has exited. If interrupted while waiting, calls
     * {@link #shutdownNow()} and returns with the interrupt flag set (Java 19's {@code ExecutorService.close}).
     */
    @Override
    public void close() {
        shutdown();
        try {
            scheduler.awaitTermination(Deadline.NONE);
        } catch (InterruptedException e) {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** E.g. {@code JvmPool[JvmPool-1, workers=4, running]}. */
    @Override
    public String toString() {
        return "JvmPool[" + scheduler.config().name() + ", workers=" + workers() + ", "
                + (isTerminated() ? "terminated" : isShutdown() ? "shut down" : "running") + "]";
    }

    /** Configures a {@link JvmPool}; from {@link JvmPool#builder(QueueFactory)}. */
    public static final class Builder {
        private final PoolSettings settings;

        private Builder(QueueFactory factory) {
            this.settings = new PoolSettings(factory);
        }

        /** The pool's name, prefix of its workers' names ({@code <name>-worker-<n>}); default {@code JvmPool-<n>}. */
        public Builder name(String name) {
            settings.name(name);
            return this;
        }

        /** The number of worker JVMs (Python's {@code processes}); default {@code availableProcessors()}. */
        public Builder workers(int workers) {
            settings.workers(workers);
            return this;
        }

        /**
         * Run once in every worker, before its first task (Python's {@code initializer}). If it throws, the worker
         * exits; three such workers in a row stop the pool (see the class description).
         */
        public Builder initializer(SerializableRunnable initializer) {
            settings.initializer(initializer);
            return this;
        }

        /** A worker is replaced by a fresh JVM after this many tasks (map chunks count one each); 0, the default, never. */
        public Builder maxTasksPerChild(int maxTasks) {
            settings.maxTasksPerChild(maxTasks);
            return this;
        }

        /** Extra JVM options of every worker, e.g. {@code "-Xmx256m"}; after the inherited ones. Default none. */
        public Builder jvmOptions(String... options) {
            settings.jvmOptions(options);
            return this;
        }

        /**
         * Idle JVMs kept started, waiting to replace a worker that died or was recycled, so that a replacement
         * costs a few milliseconds instead of a JVM start ({@link io.github.mp4j.process.JvmProcess.Builder#warmSpares}).
         * Default 0.
         */
        public Builder warmSpares(int spares) {
            settings.warmSpares(spares);
            return this;
        }

        /**
         * Whether tasks may run more than once: then a task whose worker died runs again on another worker (until
         * {@link #maxDeathsPerTask} died running it) instead of failing with {@link WorkerDiedException}. Default
         * false.
         */
        public Builder idempotentTasks(boolean idempotent) {
            settings.idempotentTasks(idempotent);
            return this;
        }

        /** Workers an idempotent task may kill before it fails with {@link WorkerDiedException}; default 3. */
        public Builder maxDeathsPerTask(int deaths) {
            settings.maxDeathsPerTask(deaths);
            return this;
        }

        /**
         * At most this many chunks of one {@code map}/{@code imap} are submitted and not yet consumed: the bound that
         * keeps an infinite input or a slow reader from filling memory. Default {@code 4 * workers}.
         */
        public Builder maxTasksInFlight(int chunks) {
            settings.maxTasksInFlight(chunks);
            return this;
        }

        /** Starts the workers (without waiting for them to be ready) and returns the pool. */
        public JvmPool build() {
            return new JvmPool(settings.config());
        }
    }
}
