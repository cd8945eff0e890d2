package io.github.mp4j.process.internal;

import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.spi.HandleRules;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * The main class of every child JVM started by {@code JvmProcess}. Reads the {@link LaunchSpec} from stdin (under
 * {@link HandleRules#trustedParent()}: pipe ends and queues among the arguments keep the settings the parent made
 * them with, since the parent is trusted by the child it starts; they must still name an owner-only Unix socket
 * directory of this user, never TCP), leaves
 * the rest of stdin to {@link ParentWatch} (and gives the target an empty {@code System.in}), names the main thread
 * after the process, and runs the target: a normal return ends the JVM with exit code 0 once its non-daemon threads
 * end, {@code System.exit(n)} with {@code n}, and an uncaught exception is logged at ERROR through
 * {@link System.Logger} (name, pid and stack trace on stderr) and ends it with exit code {@value #FAILURE_EXIT_CODE}.
 */
public final class ChildMain {
    /** The exit code after an uncaught exception in the target, or a launch spec that cannot be read. */
    public static final int FAILURE_EXIT_CODE = 1;

    private ChildMain() {
    }

    /**
     * Entry point; ignores {@code argv} and takes everything from stdin.
     *
     * @param argv unused
     */
    public static void main(String[] argv) {
        InputStream control = System.in;
        boolean spare = Boolean.getBoolean(WarmSpares.SPARE_PROPERTY);
        if (spare) {
            SpareWarmUp.run(); // a spare has time to spare: its target comes when a parent's start() takes it
            openChannel(control);
            ReadyMarker.set(System.getProperty(WarmSpares.READY_PROPERTY));
        } // a cold child does only what its target asks for: every class it loads delays its first message
        LaunchSpec spec;
        try {
            // The spec comes from the parent that started this JVM: handles in it keep the parent's settings.
            spec = HandleRules.trustedParent().within(() -> SpecChannel.read(control));
        } catch (java.io.EOFException e) {
            if (spare) {
                System.exit(FAILURE_EXIT_CODE); // a warm spare whose parent ended without taking it: nothing to say
            }
            fail("mp4j child JVM pid " + ProcessHandle.current().pid() + " cannot read its launch spec from stdin", e);
            return;
        } catch (Exception | LinkageError e) {
            fail("mp4j child JVM pid " + ProcessHandle.current().pid() + " cannot read its launch spec from stdin", e);
            return;
        }
        if (spare) {
            SpareChannel.taken();
        }
        System.setIn(InputStream.nullInputStream());
        ParentWatch.start(control, spec.parentPid(), spec.name());
        Thread.currentThread().setName(spec.name());
        CurrentIdentity.child(spec.name(), spec.parentPid());
        try {
            target(spec).run(spec.args());
        } catch (Throwable t) {
            fail(spec.name() + " (pid " + ProcessHandle.current().pid() + "): uncaught exception in target "
                    + describe(spec) + "; exiting with code " + FAILURE_EXIT_CODE, t);
        }
    }

    /** A spare's channel to its parent ({@link SpareChannel}); without it the spare still serves, as a cold child. */
    private static void openChannel(InputStream control) {
        try {
            SpareChannel.open(control);
        } catch (java.io.EOFException e) {
            System.exit(FAILURE_EXIT_CODE); // the parent ended before introducing itself: nothing to say
        } catch (java.io.IOException | RuntimeException e) {
            fail("mp4j warm spare pid " + ProcessHandle.current().pid() + " cannot read its parent's introduction"
                    + " from stdin", e);
        }
    }

    private static ProcessTarget target(LaunchSpec spec) throws Throwable {
        if (spec.target() != null) {
            return spec.target();
        }
        Class<?> type = Class.forName(spec.targetClassName(), true, Thread.currentThread().getContextClassLoader());
        if (!ProcessTarget.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("target class " + type.getName() + " does not implement "
                    + ProcessTarget.class.getName());
        }
        Constructor<?> constructor = type.getConstructor();
        constructor.trySetAccessible(); // a public constructor of a non-public nested class
        try {
            return (ProcessTarget) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String describe(LaunchSpec spec) {
        return spec.target() != null ? spec.target().getClass().getName() : spec.targetClassName();
    }

    private static void fail(String message, Throwable cause) {
        System.getLogger(ChildMain.class.getName()).log(System.Logger.Level.ERROR, message, cause);
        System.exit(FAILURE_EXIT_CODE);
    }
}
