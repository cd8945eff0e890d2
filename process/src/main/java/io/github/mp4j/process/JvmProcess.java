package io.github.mp4j.process;

import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.process.internal.Children;
import io.github.mp4j.process.internal.CurrentIdentity;
import io.github.mp4j.process.internal.ProcessSettings;
import io.github.mp4j.process.internal.jfr.WorkerLifetime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a {@link ProcessTarget} — Python's {@code multiprocessing.Process} in Java terms.
 *
 * <pre>{@code
 * try (JvmProcess p = new JvmProcess(args -> System.out.println("hello " + args[0]), "world")) {
 *     p.start();
 *     p.join();
 *     assert p.exitCode().getAsInt() == 0;
 * }
 * }</pre>
 *
 * <p><b>Launch.</b> {@link #start()} runs {@code java} from {@code java.home} with this JVM's class path (or the one
 * given to {@link Builder#classPath}) and module path, its {@code --add-opens}/{@code --add-exports}/
 * {@code --add-reads}/{@code --add-modules}/{@code -D}/{@code --enable-preview}/assertion settings (never debug
 * agents), then the {@linkplain Builder#jvmOptions extra options}. The target and arguments are JDK-serialized and
 * written to the child's stdin; anything that serializes itself with {@code writeReplace}/{@code readResolve} (such
 * as mp4j connections) travels as it chooses. The child's stdout and stderr are inherited by default, as in Python.
 *
 * <p><b>A child never outlives its parent.</b> The child watches its stdin pipe and the parent's process handle;
 * when the parent dies — even by {@code kill -9} — the child exits within a few seconds.
 *
 * <p><b>Parent exit.</b> When this JVM exits normally (or on SIGTERM), a shutdown hook terminates still-running
 * <em>daemon</em> children (SIGTERM; SIGKILL after 5 s) and then waits for <em>non-daemon</em> children to finish
 * on their own, as Python's {@code atexit} handler does. A non-daemon child that never ends therefore keeps this
 * JVM from exiting: {@link #close()} it, or make it a daemon.
 *
 * <p><b>Exit codes</b> are what the JDK reports for the child ({@link Process#exitValue()}): {@code 0} when the
 * target returns, {@code n} after {@code System.exit(n)}, {@code 1} after an uncaught exception (logged with its
 * stack trace to the child's stderr), and on Linux/macOS {@code 128 + signal} for a child ended by a signal:
 * {@code 143} after {@link #terminate()} (SIGTERM), {@code 137} after {@link #kill()} (SIGKILL). (Python reports
 * {@code -15} and {@code -9}.)
 *
 * <p>Instances are thread-safe. {@link #join()}, {@link #join(Duration)} honour interruption.
 */
public final class JvmProcess implements AutoCloseable {
    private final ProcessSettings settings;
    private final String name;
    private volatile Process process;
    private boolean closed;

    /**
     * A process that will run {@code target} with {@code args}, with the defaults of {@link #builder(ProcessTarget)}.
     *
     * @param target a serializable lambda, method reference or object
     * @param args the arguments, JDK-serialized at {@link #start()}
     * @throws NullPointerException if {@code target} or {@code args} is null
     */
    public JvmProcess(ProcessTarget target, Object... args) {
        this(builder(target).args(args));
    }

    JvmProcess(Builder builder) {
        this.settings = builder.settings.copy();
        this.name = settings.name() != null ? settings.name() : ProcessNames.next();
    }

    /**
     * This JVM's name, pid and parent pid: Python's {@code multiprocessing.current_process()}. In a child started by
     * a {@code JvmProcess} the name is the one its parent gave (the builder's, or {@code "JvmProcess-<n>"}) and
     * {@link CurrentProcess#parentPid()} is the parent's pid, from before the target runs; in any other JVM the name
     * is {@code "MainProcess"} and there is no parent pid.
     */
    public static CurrentProcess currentProcess() {
        return CurrentIdentity.get();
    }

    /**
     * A builder for a process running {@code target}, which is JDK-serialized with its captured values.
     *
     * @throws NullPointerException if {@code target} is null
     */
    public static Builder builder(ProcessTarget target) {
        return new Builder(ProcessSettings.of(target));
    }

    /**
     * A builder for a process running a new instance of {@code targetClass}, made in the child with its public
     * no-arg constructor; only the class name travels.
     *
     * @throws NullPointerException if {@code targetClass} is null
     * @throws IllegalArgumentException if {@code targetClass} is abstract or has no public no-arg constructor
     */
    public static Builder builder(Class<? extends ProcessTarget> targetClass) {
        return new Builder(ProcessSettings.of(targetClass));
    }

    /**
     * Starts the child JVM and hands it the target and arguments. With {@linkplain Builder#warmSpares warm spares}
     * it takes an idle spare JVM of the same configuration when one is ready (the spare's process becomes this
     * child: same pid from then on) and starts a replacement spare in the background a moment later. Returns once the
     * child is running and its launch spec is written (for large arguments: read) into its stdin; it does not wait
     * for the target to begin.
     *
     * @throws IllegalStateException "process already started: ..." when called a second time, when closed, or
     *     while this JVM is shutting down
     * @throws SerializationException if the target or an argument is not JDK-serializable (no child is started)
     * @throws UncheckedIOException if the {@code java} launcher cannot be started
     */
    public void start() {
        byte[] spec;
        Process started;
        synchronized (this) {
            if (process != null) {
                throw new IllegalStateException("process already started: " + this);
            }
            if (closed) {
                throw new IllegalStateException("process is closed and cannot be started: " + this);
            }
            spec = settings.spec(name);
            process = started = settings.launch(name);
        }
        WorkerLifetime.record(name, started, settings.targetName());
        try {
            OutputStream stdin = started.getOutputStream();
            stdin.write(spec);
            stdin.flush(); // stdin stays open: its end-of-file tells the child that this JVM is gone
        } catch (IOException e) {
            // The child died before reading its launch spec (e.g. a bad JVM option); exitCode() and its stderr say why.
            System.getLogger(JvmProcess.class.getName()).log(System.Logger.Level.DEBUG,
                    "{0} ended before reading its launch spec: {1}", name, e);
        }
    }

    /**
     * Waits until the child has exited.
     *
     * @throws IllegalStateException if not started
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public void join() throws InterruptedException {
        started().waitFor();
    }

    /**
     * Waits at most {@code timeout} (negative counts as zero) for the child to exit.
     *
     * @return true if the child has exited, false if it is still running when the timeout elapses
     * @throws IllegalStateException if not started
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = Deadline.nanos(Objects.requireNonNull(timeout, "timeout is null"));
        return started().waitFor(nanos, TimeUnit.NANOSECONDS);
    }

    /** True from {@link #start()} until the child exits; false before start. */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * The child's exit code once it has exited, empty before start and while it runs. See the class description:
     * {@code 0}, {@code n} after {@code System.exit(n)}, {@code 1} after an uncaught exception, {@code 143} after
     * {@link #terminate()}, {@code 137} after {@link #kill()}.
     */
    public OptionalInt exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
    }

    /**
     * The child's operating-system process id.
     *
     * @throws IllegalStateException if not started
     */
    public long pid() {
        return started().pid();
    }

    /**
     * Asks the child to end: SIGTERM on Unix ({@link Process#destroy()}); the child runs its shutdown hooks and
     * exits with 143. Does nothing if the child has already exited.
     *
     * @throws IllegalStateException if not started
     */
    public void terminate() {
        started().destroy();
    }

    /**
     * Ends the child at once: SIGKILL on Unix ({@link Process#destroyForcibly()}); exit code 137. Does nothing if
     * the child has already exited.
     *
     * @throws IllegalStateException if not started
     */
    public void kill() {
        started().destroyForcibly();
    }

    /**
     * The child's stdout when {@link Builder#redirectOutput} is {@link ProcessBuilder.Redirect#PIPE}; otherwise an
     * empty stream.
     *
     * @throws IllegalStateException if not started
     */
    public InputStream stdout() {
        return started().getInputStream();
    }

    /**
     * The child's stderr when {@link Builder#redirectError} is {@link ProcessBuilder.Redirect#PIPE}; otherwise an
     * empty stream.
     *
     * @throws IllegalStateException if not started
     */
    public InputStream stderr() {
        return started().getErrorStream();
    }

    /** The process name: the one given to the builder, or {@code "JvmProcess-<n>"}. */
    public String name() {
        return name;
    }

    /** True if this is a daemon child: terminated when this JVM exits instead of being waited for. */
    public boolean isDaemon() {
        return settings.daemon();
    }

    /**
     * Ends the child if it still runs — {@link #terminate()}, wait up to 5 s, then {@link #kill()} and wait — and
     * releases its pipes. Idempotent; a closed process cannot be started. If interrupted while waiting, kills the
     * child at once and returns with the interrupt flag set.
     */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = process;
        }
        if (p != null) {
            Children.stopAndClosePipes(p);
        }
    }

    /** E.g. {@code JvmProcess[name=JvmProcess-1, pid=4242, exitCode=0, daemon]}. */
    @Override
    public String toString() {
        Process p = process;
        StringBuilder text = new StringBuilder("JvmProcess[name=").append(name);
        if (p == null) {
            text.append(", initial");
        } else {
            text.append(", pid=").append(p.pid()).append(p.isAlive() ? ", started" : ", exitCode=" + p.exitValue());
        }
        return text.append(settings.daemon() ? ", daemon]" : "]").toString();
    }

    private Process started() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("process not started: " + name + "; call start() first");
        }
        return p;
    }

    /** Configures a {@link JvmProcess}; obtained from {@link JvmProcess#builder(ProcessTarget)} or {@code (Class)}. */
    public static final class Builder {
        private final ProcessSettings settings;

        private Builder(ProcessSettings settings) {
            this.settings = settings;
        }

        /**
         * The arguments passed to {@link ProcessTarget#run(Object...)}; JDK-serialized at {@link JvmProcess#start()}.
         * Default: none.
         */
        public Builder args(Object... args) {
            settings.args(args);
            return this;
        }

        /** The process name; default {@code "JvmProcess-<n>"}, n counting the processes made in this JVM. */
        public Builder name(String name) {
            settings.name(name);
            return this;
        }

        /** Daemon children are terminated when this JVM exits; non-daemon ones are waited for. Default false. */
        public Builder daemon(boolean daemon) {
            settings.daemon(daemon);
            return this;
        }

        /**
         * Extra options for the child JVM, e.g. {@code "-Xmx64m"}, placed after the inherited ones. Default none.
         *
         * @throws NullPointerException if an option is null
         */
        public Builder jvmOptions(String... options) {
            settings.jvmOptions(options);
            return this;
        }

        /**
         * Runs the child on these class path entries instead of this JVM's class path: for a child that must not
         * see some classes (or sees others). The list replaces the inherited class path entirely, so it must still
         * hold the mp4j jars ({@code mp4j-process} and what it needs: {@code mp4j-pipe}, {@code mp4j-api}, the
         * serializer in use, plus {@code mp4j-queue} for queues) and the target's class, else the child exits with
         * code 1 ({@code "Could not find or load main class"}, or a {@link ClassNotFoundException} for the target
         * on its stderr). When this JVM runs mp4j from the module path, the child keeps that module path and only
         * its class path changes. Default: this JVM's class path.
         *
         * @throws NullPointerException if {@code entries} or an entry is null
         */
        public Builder classPath(List<Path> entries) {
            settings.classPath(entries);
            return this;
        }

        /** Where the child's stdout goes; default {@link ProcessBuilder.Redirect#INHERIT}. */
        public Builder redirectOutput(ProcessBuilder.Redirect destination) {
            settings.redirectOutput(destination);
            return this;
        }

        /** Where the child's stderr goes; default {@link ProcessBuilder.Redirect#INHERIT}. */
        public Builder redirectError(ProcessBuilder.Redirect destination) {
            settings.redirectError(destination);
            return this;
        }

        /**
         * Use a dynamic class-data-sharing archive (AppCDS) for faster child start: the first child started with
         * this flag (per class path and JDK) records the classes it loads into an archive under
         * {@code java.io.tmpdir}; later children map it. Default false.
         */
        public Builder classDataSharing(boolean enabled) {
            settings.classDataSharing(enabled);
            return this;
        }

        /**
         * Keep {@code count} idle JVMs started with this builder's launch configuration (class path, JVM options,
         * class-data sharing, redirections), waiting for a target: the role of CPython's {@code forkserver}. Then
         * {@link JvmProcess#start()} takes one — a warmed-up one first, else one still warming up; the target then
         * starts without a JVM start — and starts a replacement behind it (250 ms later, so that the replacement's
         * JVM start does not compete with the taken spare's first steps); when none is running it starts a JVM as
         * usual. A spare counts as ready once it has rehearsed a hand-over (a launch spec read, a pipe end attached,
         * a frame each way) so a taken spare loads almost no class before its first message. While it waits, a spare also
         * keeps an authenticated connection to this JVM's attach service (which enabling spares starts), so the
         * first queue or pipe end of this JVM that the target attaches skips the connect and authkey handshake.
         * Spares are shared by
         * every process of the same configuration, are daemon children of this JVM (terminated at its exit, never
         * outliving it) and carry {@code -Dmp4j.spare=true}. Default 0: no spares.
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder warmSpares(int count) {
            settings.warmSpares(count);
            return this;
        }

        /**
         * Starts the {@linkplain #warmSpares warm spares} of this configuration now, in the background, so that the
         * first {@link JvmProcess#start()} finds one ready. Does nothing when {@code warmSpares} is 0.
         */
        public Builder prestartSpares() {
            settings.prestartSpares();
            return this;
        }

        /**
         * The idle, live spares of this builder's launch configuration right now that have finished their warm-up
         * (started, warmed up, not yet taken): a spare still starting or warming up does not count, though
         * {@link JvmProcess#start()} takes one when no warmed-up spare is there.
         */
        public int idleSpares() {
            return settings.idleSpares();
        }

        /** A new, unstarted {@link JvmProcess} with this configuration. */
        public JvmProcess build() {
            return new JvmProcess(this);
        }
    }
}
