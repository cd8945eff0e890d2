package io.github.mp4j.pool.internal;

import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pool.WorkerDiedException;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's state: pending tasks, live workers and what each holds, and its lifecycle (running, shut down,
 * stopped, terminated). Tasks go to workers as {@link Dispatch} decides, at most {@value Dispatch#PREFETCH} at a
 * time per worker, so a worker that dies holds at most one task that had begun: that one fails with
 * {@link WorkerDiedException} (or runs again, when tasks are idempotent, until {@code maxDeathsPerTask} workers died
 * running it), the others go back to the head of the queue ({@link Deaths}). A dead worker is replaced while there
 * is work or the pool runs; {@link WorkerLauncher} starts workers and reads their replies. Workers that die before
 * they are ready {@value #START_FAILURES_TO_BREAK} times in a row (a bad JVM option, a failing initializer) stop the
 * pool: its pending tasks fail with {@link RejectedExecutionException} instead of waiting for ever.
 */
public final class Scheduler {
    static final int START_FAILURES_TO_BREAK = 3;
    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());

    private enum State { RUNNING, SHUTDOWN, STOP, TERMINATED }

    private final PoolConfig config;
    private final Serializer serializer;
    private final WorkerLauncher launcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    private final ArrayDeque<PoolTask> pending = new ArrayDeque<>();
    private final List<WorkerHandle> live = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private State state = State.RUNNING;
    private int workerCount;
    private int startFailures;
    private int activeMaps;
    private RuntimeException broken;

    public Scheduler(PoolConfig config) {
        this.config = config;
        this.serializer = config.factory().connectionOptions().serializer();
        this.launcher = new WorkerLauncher(config, new WorkerLauncher.Replies() {
            @Override
            public void message(WorkerHandle w, Object[] m) {
                handle(w, m);
            }

            @Override
            public void refused(WorkerHandle w, SerializationException e) {
                failOldest(w, e);
            }

            @Override
            public void died(WorkerHandle w) {
                Scheduler.this.died(w);
            }
        });
        List<WorkerHandle> first = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < config.workers(); i++) {
                first.add(newWorker());
            }
        } finally {
            lock.unlock();
        }
        first.forEach(launcher::start);
    }

    /**
     * Queues {@code work}, serialized here in the caller.
     *
     * @param partOfMap true for a chunk of a map already running, which is accepted after {@code shutdown()}
     * @throws SerializationException if the work is not serializable
     * @throws RejectedExecutionException if the pool is shut down
     */
    public PoolTask submit(Work work, String description, boolean partOfMap) {
        long id = ids.incrementAndGet();
        return enqueue(new PoolTask(this, id, Wire.task(id, work, description), description, null, null),
                partOfMap);
    }

    /**
     * Queues one chunk of the map of {@code function}, its elements encoded here with the pool's serializer; the
     * function goes to a worker once, before the first chunk it gets ({@link Dispatch}).
     *
     * @throws SerializationException if the pool's serializer cannot encode an element
     * @throws RejectedExecutionException if the pool was stopped
     */
    PoolTask submitChunk(MapFunction function, Object[] elements, String description) {
        long id = ids.incrementAndGet();
        byte[] frame = Wire.chunk(id, function.id, elements, serializer);
        return enqueue(new PoolTask(this, id, frame, description, function, elements), true);
    }

    /** The map of {@code function} ended: the workers that hold it drop it. */
    void forget(MapFunction function) {
        lock.lock();
        try {
            for (WorkerHandle w : live) {
                if (w.functions.remove(function.id) && !w.unusable) {
                    try {
                        w.connection().sendBytes(Wire.forget(function.id));
                    } catch (IOException e) {
                        w.unusable = true; // its reader sees the death
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private PoolTask enqueue(PoolTask task, boolean partOfMap) {
        lock.lock();
        try {
            if (state != State.RUNNING && !(partOfMap && state == State.SHUTDOWN && broken == null)) {
                throw new RejectedExecutionException(rejection());
            }
            pending.add(task);
            pump();
        } finally {
            lock.unlock();
        }
        return task;
    }

    /** A map starts feeding chunks; the pool does not terminate before {@link #mapEnded()}. */
    public void mapStarted() {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw new RejectedExecutionException(rejection());
            }
            activeMaps++;
        } finally {
            lock.unlock();
        }
    }

    public void mapEnded() {
        lock.lock();
        try {
            activeMaps--;
            quiesceIfDone();
        } finally {
            lock.unlock();
        }
    }

    public boolean isRunning() {
        lock.lock();
        try {
            return state == State.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    public boolean isShutdown() {
        lock.lock();
        try {
            return state != State.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    public boolean isTerminated() {
        lock.lock();
        try {
            return state == State.TERMINATED;
        } finally {
            lock.unlock();
        }
    }

    /** No new tasks; queued ones still run, then the workers are told to exit. */
    public void shutdown() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.SHUTDOWN;
            }
            quiesceIfDone();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every task not finished and kills the workers; returns the tasks that had not been sent. */
    public List<PoolTask> shutdownNow() {
        List<PoolTask> notSent;
        List<PoolTask> running = new ArrayList<>();
        List<WorkerHandle> workers;
        lock.lock();
        try {
            if (state != State.TERMINATED) {
                state = State.STOP;
            }
            notSent = new ArrayList<>(pending);
            pending.clear();
            workers = new ArrayList<>(live);
            workers.forEach(w -> running.addAll(w.inFlight));
            checkTerminated();
        } finally {
            lock.unlock();
        }
        notSent.forEach(t -> t.cancel(false));
        running.forEach(t -> t.cancel(true));
        for (WorkerHandle w : workers) {
            w.closePipe();
            try {
                w.process.kill();
            } catch (IllegalStateException notStarted) {
                // its start() is under way in another thread; its reader will find the pipe closed
            }
        }
        return notSent;
    }

    /** Waits until every worker has exited after a shutdown. */
    public boolean awaitTermination(long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (state != State.TERMINATED) {
                if (!Deadline.await(terminated, deadline)) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The config this pool was built with. */
    public PoolConfig config() {
        return config;
    }

    void cancelled(PoolTask task, boolean interrupt) {
        lock.lock();
        try {
            if (pending.remove(task)) {
                quiesceIfDone();
                return;
            }
            WorkerHandle w = task.worker;
            if (w != null && w.inFlight.contains(task) && !w.unusable) {
                try {
                    w.connection().sendBytes(Wire.cancel(task.id, interrupt));
                } catch (IOException e) {
                    w.unusable = true; // its reader sees the death
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A new worker, counted live, not started yet. Lock held. */
    private WorkerHandle newWorker() {
        WorkerHandle w = launcher.create(config.name() + "-worker-" + (++workerCount));
        live.add(w);
        return w;
    }

    private void handle(WorkerHandle w, Object[] m) {
        long id = ((Number) m[0]).longValue();
        int kind = ((Number) m[1]).intValue();
        PoolTask task = null;
        lock.lock();
        try {
            if (kind == Wire.READY) {
                w.ready = true;
                startFailures = 0;
            } else if (kind == Wire.INIT_FAILED) {
                w.initFailure = RemoteErrors.rebuild(m[2], w.label());
            } else {
                task = w.takeInFlight(id);
            }
            pump();
            quiesceIfDone();
        } finally {
            lock.unlock();
        }
        if (task == null) {
            return;
        }
        if (kind == Wire.RESULT) {
            task.complete(m[2]);
        } else if (kind == Wire.RESULT_PACKED) {
            try {
                byte[] packed = (byte[]) m[2];
                task.complete(java.util.Arrays.asList(PackedValues.unpack(packed, 0, packed.length)));
            } catch (RuntimeException e) { // a worker's bad reply fails its task, never the reader
                task.completeExceptionally(e);
            }
        } else if (kind == Wire.ERROR) {
            task.completeExceptionally(RemoteErrors.rebuild(m[2], w.label()));
        }
    }

    private void failOldest(WorkerHandle w, SerializationException e) {
        PoolTask task;
        lock.lock();
        try {
            task = w.inFlight.poll();
            pump();
            quiesceIfDone();
        } finally {
            lock.unlock();
        }
        if (task != null) {
            task.completeExceptionally(e);
        }
    }

    /** The worker's connection ended: collect its exit code, settle what it held, replace it. */
    private void died(WorkerHandle w) {
        int exitCode = w.awaitExit();
        w.closePipe();
        PoolTask victim = null;
        List<PoolTask> failBroken = List.of();
        WorkerHandle replacement = null;
        lock.lock();
        try {
            live.remove(w);
            w.unusable = true;
            List<PoolTask> held = new ArrayList<>(w.inFlight);
            w.inFlight.clear();
            if (state != State.STOP) {
                victim = Deaths.settle(held, pending, config);
                if (!w.ready && state == State.RUNNING) {
                    startFailures++;
                    if (startFailures >= START_FAILURES_TO_BREAK && broken == null) {
                        broken = Deaths.cannotStart(config, startFailures, w, exitCode);
                        if (state == State.RUNNING) {
                            state = State.SHUTDOWN;
                        }
                        failBroken = new ArrayList<>(pending);
                        pending.clear();
                    }
                }
                if (broken == null && (state == State.RUNNING || !pending.isEmpty() || activeMaps > 0)) {
                    try {
                        replacement = newWorker();
                    } catch (RuntimeException e) {
                        failBroken = cannotReplace(w, e);
                    }
                }
            }
            pump();
            quiesceIfDone();
            checkTerminated();
        } finally {
            lock.unlock();
        }
        if (replacement != null) {
            launcher.start(replacement);
        }
        if (victim != null) {
            victim.completeExceptionally(new WorkerDiedException(w.name, w.pid, exitCode, victim.toString(),
                    victim.deaths));
        }
        for (PoolTask t : failBroken) {
            t.completeExceptionally(broken);
        }
    }

    /**
     * No pipe for a replacement (this JVM is shutting down, or out of file descriptors): with no worker left the
     * pool stops and its pending tasks fail, else the remaining workers carry on. Lock held.
     */
    private List<PoolTask> cannotReplace(WorkerHandle dead, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot replace pool worker " + dead.name + ": " + e);
        if (!live.isEmpty() || broken != null) {
            return List.of();
        }
        broken = new RejectedExecutionException(config.name() + " has no worker left: cannot replace "
                + dead.label() + ": " + e.getMessage(), e);
        if (state == State.RUNNING) {
            state = State.SHUTDOWN;
        }
        List<PoolTask> failed = new ArrayList<>(pending);
        pending.clear();
        return failed;
    }

    /** Sends pending tasks to the workers. Lock held. */
    private void pump() {
        Dispatch.pump(pending, live, config.maxTasksPerChild());
    }

    /** After shutdown, once nothing is left to run, closes the workers' pipes so they exit. Lock held. */
    private void quiesceIfDone() {
        if (state != State.SHUTDOWN || !pending.isEmpty() || activeMaps > 0) {
            return;
        }
        for (WorkerHandle w : live) {
            if (!w.inFlight.isEmpty()) {
                return;
            }
        }
        for (WorkerHandle w : live) {
            w.unusable = true;
            w.closePipe();
        }
        checkTerminated();
    }

    private void checkTerminated() {
        if (state != State.RUNNING && live.isEmpty() && (pending.isEmpty() || state == State.STOP)) {
            state = State.TERMINATED;
            terminated.signalAll();
        }
    }

    private String rejection() {
        return broken != null ? broken.getMessage() : config.name() + " is shut down and takes no new tasks";
    }
}
