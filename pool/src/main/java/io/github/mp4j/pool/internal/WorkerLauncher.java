package io.github.mp4j.pool.internal;

import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.process.JvmProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates worker JVMs and runs each one's reader thread: a worker is a daemon {@link JvmProcess} running
 * {@link WorkerMain} with {@code -XX:+ExitOnOutOfMemoryError} and the pool's options, joined to the parent by a
 * duplex pipe. The reader hands every message to {@link Replies}, until the connection ends.
 */
final class WorkerLauncher {
    private static final System.Logger LOG = System.getLogger(WorkerLauncher.class.getName());

    /** What the reader of one worker reports. Called on that worker's reader thread. */
    interface Replies {
        /** A message from the worker (a {@link Wire} reply). */
        void message(WorkerHandle w, Object[] m);

        /** A reply the parent's serializer or type policy refused: it fails the worker's oldest task only. */
        void refused(WorkerHandle w, SerializationException e);

        /** The worker's connection ended, or it could not be started: it is gone. */
        void died(WorkerHandle w);
    }

    private final PoolConfig config;
    private final Replies replies;

    WorkerLauncher(PoolConfig config, Replies replies) {
        this.config = config;
        this.replies = replies;
    }

    /**
     * A worker named {@code name}, not started yet.
     *
     * @throws UncheckedIOException if no pipe can be opened for it
     */
    WorkerHandle create(String name) {
        Pipe pipe;
        try {
            pipe = config.factory().pipe(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a pipe for " + name + ": " + e.getMessage(), e);
        }
        List<String> options = new ArrayList<>();
        options.add("-XX:+ExitOnOutOfMemoryError");
        options.addAll(config.jvmOptions());
        JvmProcess process = JvmProcess.builder(new WorkerMain())
                .args(pipe.first(), config.initializer(), config.maxTasksPerChild(),
                        config.factory().connectionOptions().serializer().name())
                .name(name)
                .daemon(true)
                .jvmOptions(options.toArray(new String[0]))
                .warmSpares(config.warmSpares())
                .build();
        return new WorkerHandle(name, process, pipe);
    }

    /**
     * Starts the worker's JVM and its reader thread (call it outside the scheduler's lock: a JVM start takes
     * milliseconds). A JVM that cannot start counts as a worker that died before it was ready.
     */
    void start(WorkerHandle w) {
        try {
            w.process.start();
            w.pid = w.process.pid();
        } catch (RuntimeException e) {
            // e.g. this JVM is shutting down; counts as a worker that died before it was ready
            LOG.log(System.Logger.Level.WARNING, "cannot start pool worker " + w.name + ": " + e, e);
            DaemonThreads.start("mp4j-pool-reader-" + w.name, () -> replies.died(w));
            return;
        }
        DaemonThreads.start("mp4j-pool-reader-" + w.name, () -> read(w));
    }

    private void read(WorkerHandle w) {
        while (true) {
            Object message;
            try {
                message = w.connection().recv();
            } catch (SerializationException e) {
                replies.refused(w, e); // a result the parent's policy or serializer refuses fails its task only
                continue;
            } catch (IOException | RuntimeException e) {
                replies.died(w);
                return;
            }
            replies.message(w, (Object[]) message);
        }
    }
}
