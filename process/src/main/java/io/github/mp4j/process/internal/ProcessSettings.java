package io.github.mp4j.process.internal;

import static java.util.Objects.requireNonNull;

import io.github.mp4j.process.ProcessTarget;
import java.lang.ProcessBuilder.Redirect;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@code JvmProcess.Builder} collects and a {@code JvmProcess} starts with: the target (an instance or a
 * class name), arguments, name, daemon flag and launch configuration. Setters check their argument and throw what
 * the builder's javadoc promises; {@link #copy()} gives a process its own snapshot.
 */
public final class ProcessSettings {
    private final ProcessTarget target;
    private final String targetClassName;
    private Object[] args = new Object[0];
    private String name;
    private boolean daemon;
    private List<String> jvmOptions = List.of();
    private List<Path> classPath;
    private Redirect output = Redirect.INHERIT;
    private Redirect error = Redirect.INHERIT;
    private boolean classDataSharing;
    private int warmSpares;

    private ProcessSettings(ProcessTarget target, String targetClassName) {
        this.target = target;
        this.targetClassName = targetClassName;
    }

    /** Settings for a serializable target instance. */
    public static ProcessSettings of(ProcessTarget target) {
        return new ProcessSettings(requireNonNull(target, "target is null"), null);
    }

    /**
     * Settings for a target class made in the child with its public no-arg constructor.
     *
     * @throws IllegalArgumentException if the class is abstract or has no public no-arg constructor
     */
    public static ProcessSettings of(Class<? extends ProcessTarget> targetClass) {
        requireNonNull(targetClass, "targetClass is null");
        if (targetClass.isInterface() || Modifier.isAbstract(targetClass.getModifiers())) {
            throw new IllegalArgumentException("target class " + targetClass.getName()
                    + " is abstract; give a concrete class with a public no-arg constructor");
        }
        try {
            targetClass.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("target class " + targetClass.getName()
                    + " has no public no-arg constructor; add one, or pass a serializable lambda instead", e);
        }
        return new ProcessSettings(null, targetClass.getName());
    }

    /** A snapshot for one process: later changes to these settings do not reach it. */
    public ProcessSettings copy() {
        ProcessSettings c = new ProcessSettings(target, targetClassName);
        c.args = args.clone();
        c.name = name;
        c.daemon = daemon;
        c.jvmOptions = jvmOptions;
        c.classPath = classPath;
        c.output = output;
        c.error = error;
        c.classDataSharing = classDataSharing;
        c.warmSpares = warmSpares;
        return c;
    }

    public void args(Object... args) {
        this.args = requireNonNull(args, "args is null").clone();
    }

    public void name(String name) {
        this.name = requireNonNull(name, "name is null");
    }

    public void daemon(boolean daemon) {
        this.daemon = daemon;
    }

    public void jvmOptions(String... options) {
        for (int i = 0; i < requireNonNull(options, "options is null").length; i++) {
            requireNonNull(options[i], "jvm option " + i + " is null");
        }
        this.jvmOptions = List.of(options);
    }

    public void classPath(List<Path> entries) {
        requireNonNull(entries, "entries is null");
        for (int i = 0; i < entries.size(); i++) {
            requireNonNull(entries.get(i), "class path entry " + i + " is null");
        }
        this.classPath = List.copyOf(entries);
    }

    public void redirectOutput(Redirect destination) {
        this.output = requireNonNull(destination, "destination is null");
    }

    public void redirectError(Redirect destination) {
        this.error = requireNonNull(destination, "destination is null");
    }

    public void classDataSharing(boolean enabled) {
        this.classDataSharing = enabled;
    }

    /** @throws IllegalArgumentException if {@code count} is negative */
    public void warmSpares(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("warmSpares " + count + " is negative");
        }
        this.warmSpares = count;
    }

    /** The name given, or null for the default. */
    public String name() {
        return name;
    }

    public boolean daemon() {
        return daemon;
    }

    /** Starts this configuration's warm spares in the background (nothing when there are none). */
    public void prestartSpares() {
        if (warmSpares > 0) {
            WarmSpares.prestart(spareKey(), warmSpares);
        }
    }

    /** This configuration's warmed-up idle spares. */
    public int idleSpares() {
        return WarmSpares.idle(spareKey());
    }

    /** The launch spec of a child called {@code processName}, encoded (the target and arguments serialized). */
    public byte[] spec(String processName) {
        return SpecChannel.encode(new LaunchSpec(target, targetClassName, args, processName,
                ProcessHandle.current().pid()));
    }

    /** The target's class name, for events and messages. */
    public String targetName() {
        return targetClassName != null ? targetClassName : target.getClass().getName();
    }

    /**
     * A child JVM for the process {@code processName}: a warm spare of this configuration when one is there (made a
     * daemon or not as asked), else a new one.
     */
    public Process launch(String processName) {
        Process spare = warmSpares > 0 ? WarmSpares.take(spareKey(), warmSpares) : null;
        if (spare != null) {
            Children.setDaemon(spare, daemon);
            return spare;
        }
        return ChildLauncher.launch(processName, jvmOptions, classPath, classDataSharing, output, error, daemon);
    }

    private WarmSpares.Key spareKey() {
        return new WarmSpares.Key(jvmOptions, classPath, classDataSharing, output, error);
    }
}
