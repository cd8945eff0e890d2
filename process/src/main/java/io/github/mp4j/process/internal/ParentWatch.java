package io.github.mp4j.process.internal;

import io.github.mp4j.pipe.internal.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes sure a child never outlives its parent. Two signals: end-of-file on the control stream (the parent's end
 * of the stdin pipe closes when the parent dies, even by {@code kill -9}), and the parent's
 * {@link ProcessHandle#onExit()} (polled by the JDK for a non-child process, every few seconds at most). On either,
 * the child stops its own children, then {@code System.exit(}{@value #ORPHAN_EXIT_CODE}{@code )}, with a
 * {@code Runtime.halt} backstop in case a shutdown hook hangs.
 */
final class ParentWatch {
    /** The exit code of a child whose parent died (nobody is left to read it; 1 marks an abnormal end). */
    static final int ORPHAN_EXIT_CODE = 1;
    private static final Duration CHILD_GRACE = Duration.ofSeconds(2);
    private static final long HALT_AFTER_MILLIS = 5_000;

    private final String name;
    private final long parentPid;
    private final AtomicBoolean fired = new AtomicBoolean();

    private ParentWatch(String name, long parentPid) {
        this.name = name;
        this.parentPid = parentPid;
    }

    /**
     * Starts watching {@code control} (the rest of stdin) and the process {@code parentPid}, on a daemon thread so
     * that the target's start does not wait for the watch to be set up.
     */
    static void start(InputStream control, long parentPid, String name) {
        DaemonThreads.start("mp4j-parent-watch", new Watcher(new ParentWatch(name, parentPid), control));
    }

    private void watch(InputStream control) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            orphaned("is not running");
            return;
        }
        parent.get().onExit().thenRun(() -> orphaned("exited"));
        byte[] sink = new byte[64];
        try {
            while (control.read(sink) >= 0) {
                // the parent never writes after the launch spec; anything else is ignored
            }
            orphaned("closed its end of our stdin");
        } catch (IOException e) {
            orphaned("closed its end of our stdin (" + e.getMessage() + ")");
        }
    }

    private void orphaned(String what) {
        if (!fired.compareAndSet(false, true)) {
            return;
        }
        DaemonThreads.start("mp4j-orphan-halt", () -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(ORPHAN_EXIT_CODE);
        });
        System.getLogger(ChildMain.class.getName()).log(System.Logger.Level.WARNING,
                "{0}: parent process {1} {2}; exiting with code {3}",
                name, Long.toString(parentPid), what, ORPHAN_EXIT_CODE);
        Children.stopAll(CHILD_GRACE);
        System.exit(ORPHAN_EXIT_CODE);
    }

    /** The watch task (a class rather than a lambda: no invokedynamic bootstrap on the child's start path). */
    private static final class Watcher implements Runnable {
        private final ParentWatch watch;
        private final InputStream control;

        Watcher(ParentWatch watch, InputStream control) {
            this.watch = watch;
            this.control = control;
        }

        @Override
        public void run() {
            watch.watch(control);
        }
    }
}
