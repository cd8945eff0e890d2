package io.github.mp4j.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one child JVM: builds its command ({@link JavaCommand}, plus {@link ClassDataSharing} options when asked),
 * starts it with a stdin pipe, and registers it with {@link Children}.
 */
public final class ChildLauncher {
    private ChildLauncher() {
    }

    /**
     * Starts a child JVM running {@link ChildMain}; its stdin is a pipe the caller writes the launch spec into.
     *
     * @param name the process name, for error messages
     * @param jvmOptions the caller's extra JVM options
     * @param classPath the child's class path, or null for this JVM's
     * @param classDataSharing whether to use (or record) the AppCDS archive
     * @param output where the child's stdout goes
     * @param error where the child's stderr goes
     * @param daemon whether this JVM terminates the child at exit instead of waiting for it
     * @throws UncheckedIOException if the launcher cannot be started
     * @throws IllegalStateException if this JVM is shutting down
     */
    public static Process launch(String name, List<String> jvmOptions, List<Path> classPath, boolean classDataSharing,
            Redirect output, Redirect error, boolean daemon) {
        Children.installHook();
        Process child = start(name, jvmOptions, List.of(), classPath, classDataSharing, output, error);
        Children.add(child, daemon);
        return child;
    }

    /**
     * Starts a warm spare for {@code key}: a daemon child (until taken) that also gets
     * {@code -D}{@value WarmSpares#SPARE_PROPERTY}{@code =true} and {@code -D}{@value WarmSpares#READY_PROPERTY}
     * naming {@code ready}, which it creates once warmed up.
     */
    static Process launchSpare(WarmSpares.Key key, ReadyMarker ready) {
        Children.installHook();
        Process child = start("a warm spare JVM", key.jvmOptions(), List.of("-D" + WarmSpares.SPARE_PROPERTY + "=true",
                "-D" + WarmSpares.READY_PROPERTY + "=" + ready.path()),
                key.classPath(), key.classDataSharing(), key.output(), key.error());
        Children.add(child, true);
        return child;
    }

    private static Process start(String name, List<String> jvmOptions, List<String> internalOptions,
            List<Path> classPath, boolean classDataSharing, Redirect output, Redirect error) {
        JavaCommand java = classPath == null ? JavaCommand.ofThisJvm() : JavaCommand.withClassPath(classPath);
        ClassDataSharing.Launch cds = classDataSharing
                ? ClassDataSharing.plan(java.command(jvmOptions), java.classPath())
                : ClassDataSharing.Launch.NONE;
        List<String> options = jvmOptions;
        if (!cds.options.isEmpty() || !internalOptions.isEmpty()) {
            options = new ArrayList<>(cds.options);
            options.addAll(internalOptions);
            options.addAll(jvmOptions);
        }
        ProcessBuilder builder = new ProcessBuilder(java.command(options))
                .redirectInput(Redirect.PIPE)
                .redirectOutput(output)
                .redirectError(error);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            cds.abandoned();
            throw new UncheckedIOException("cannot start " + name + " with " + builder.command().get(0) + ": "
                    + e.getMessage(), e);
        }
        cds.started(child);
        return child;
    }
}
