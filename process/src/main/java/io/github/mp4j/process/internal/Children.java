package io.github.mp4j.process.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The running children of this JVM, and what happens to them when this JVM exits (Python's {@code atexit} rule):
 * a shutdown hook, installed with the first child, terminates daemon children (SIGTERM, then SIGKILL after
 * {@link #GRACE}) and then waits, without limit, for non-daemon children to end on their own. The registry holds
 * each child's {@link Process} until it exits, which also keeps the child's stdin pipe — its parent-alive signal —
 * open even when the caller drops its {@code JvmProcess}.
 */
public final class Children {
    /** How long a terminated child gets to exit before it is killed. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    private static final Set<Child> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private Children() {
    }

    /**
     * Installs the at-exit hook if it is not yet installed; called before the first child is started.
     *
     * @throws IllegalStateException if this JVM is already shutting down
     */
    public static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Children::atExit, "mp4j-children-at-exit"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot start a child JVM: this JVM is shutting down", e);
        }
        hookInstalled = true;
    }

    /** Tracks {@code process} until it exits; daemon children are terminated at this JVM's exit. */
    public static void add(Process process, boolean daemon) {
        Child child = new Child(process, daemon);
        RUNNING.add(child);
        process.onExit().thenRun(() -> RUNNING.remove(child));
    }

    /** Changes whether {@code process}, already tracked, is terminated at exit (a warm spare taken by a non-daemon). */
    public static void setDaemon(Process process, boolean daemon) {
        for (Child c : RUNNING) {
            if (c.process == process && c.daemon != daemon) {
                RUNNING.remove(c);
                add(process, daemon);
            }
        }
    }

    /**
     * Stops {@code process}: SIGTERM, wait up to {@code grace}, then SIGKILL and wait for the exit. If the calling
     * thread is interrupted while waiting, kills at once and returns with the interrupt flag set.
     */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link #stop} with {@link #GRACE}, then closes the parent's ends of {@code process}'s stdin, stdout and stderr
     * pipes; a failure to close is logged at DEBUG.
     */
    public static void stopAndClosePipes(Process process) {
        stop(process, GRACE);
        for (java.io.Closeable pipe : List.of(process.getOutputStream(), process.getInputStream(),
                process.getErrorStream())) {
            try {
                pipe.close();
            } catch (java.io.IOException e) {
                System.getLogger(Children.class.getName()).log(System.Logger.Level.DEBUG, "closing a pipe: {0}", e);
            }
        }
    }

    /** Stops every child, daemon or not (used when this JVM is orphaned and must exit promptly). */
    public static void stopAll(Duration grace) {
        List<Child> all = new ArrayList<>(RUNNING);
        all.forEach(c -> c.process.destroy());
        all.forEach(c -> stop(c.process, grace));
    }

    private static void atExit() {
        List<Child> all = new ArrayList<>(RUNNING);
        all.stream().filter(c -> c.daemon).forEach(c -> c.process.destroy());
        all.stream().filter(c -> c.daemon).forEach(c -> stop(c.process, GRACE));
        for (Child child : all) {
            if (!child.daemon) {
                try {
                    child.process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static final class Child {
        final Process process;
        final boolean daemon;

        Child(Process process, boolean daemon) {
            this.process = process;
            this.daemon = daemon;
        }
    }
}
