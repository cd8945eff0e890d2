package io.github.mp4j.process.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The command line of a child JVM: {@code java} from {@code java.home}, the options inherited from this JVM
 * ({@link InheritedJvmOptions}), this JVM's class path (or one given instead) and module path, the caller's extra
 * options, and {@link ChildMain} as the main class. When the inherited part is long it goes through an
 * {@code @argfile} (written once per parent JVM and class path into a private temporary directory) to stay clear of
 * command-line limits.
 */
public final class JavaCommand {
    /** Inherited options longer than this (in chars) go through an argument file. */
    static final int ARGFILE_THRESHOLD = 8 * 1024;
    private static final String MODULE = "io.github.mp4j.process";

    private static final Map<String, JavaCommand> WITH_CLASS_PATH = new ConcurrentHashMap<>();

    private final String java;
    private final String classPath;
    private final List<String> inherited;
    private final List<String> mainClass;

    private JavaCommand(String java, String classPath, List<String> inherited, List<String> mainClass) {
        this.java = java;
        this.classPath = classPath;
        this.inherited = inherited;
        this.mainClass = mainClass;
    }

    /** The command for children of this JVM; computed once (argument file included) and shared. */
    public static JavaCommand ofThisJvm() {
        return Holder.INSTANCE;
    }

    /**
     * The command for children of this JVM run on {@code classPath} instead of this JVM's class path (the module
     * path and other inherited options stay); computed once per class path and shared.
     *
     * @param classPath the child's class path entries, in order; empty: no {@code -cp}
     */
    public static JavaCommand withClassPath(List<Path> classPath) {
        String joined = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return WITH_CLASS_PATH.computeIfAbsent(joined, JavaCommand::create);
    }

    /** The child's class path, joined with the path separator; empty when it has none. */
    public String classPath() {
        return classPath;
    }

    /**
     * The full command: java, inherited options (or their argument file), {@code extraOptions}, main class.
     *
     * @param extraOptions caller options placed after the inherited ones, so they win where the JVM takes the last
     */
    public List<String> command(List<String> extraOptions) {
        List<String> command = new ArrayList<>(1 + inherited.size() + extraOptions.size() + mainClass.size());
        command.add(java);
        command.addAll(inherited);
        command.addAll(extraOptions);
        command.addAll(mainClass);
        return command;
    }

    private static JavaCommand create(String classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString();
        List<String> options = new ArrayList<>(InheritedJvmOptions.ofThisJvm());
        if (!classPath.isEmpty()) {
            options.add("-cp");
            options.add(classPath);
        }
        String modulePath = System.getProperty("jdk.module.path");
        List<String> mainClass;
        if (modulePath != null && !modulePath.isEmpty()) {
            options.add("--module-path");
            options.add(modulePath);
            mainClass = mainClassFromModulePath(options);
        } else {
            mainClass = List.of(ChildMain.class.getName());
        }
        int length = options.stream().mapToInt(String::length).sum();
        List<String> inherited = length > ARGFILE_THRESHOLD ? List.of("@" + writeArgFile(options)) : options;
        return new JavaCommand(java, classPath, inherited, mainClass);
    }

    /** When this module itself is on the module path, the child runs ChildMain as a module with the same roots. */
    private static List<String> mainClassFromModulePath(List<String> options) {
        Module module = JavaCommand.class.getModule();
        if (!module.isNamed()) {
            return List.of(ChildMain.class.getName());
        }
        String roots = ModuleLayer.boot().configuration().modules().stream()
                .filter(m -> m.reference().location().map(uri -> !"jrt".equals(uri.getScheme())).orElse(false))
                .map(m -> m.reference().descriptor().name())
                .collect(Collectors.joining(","));
        if (!roots.isEmpty()) {
            options.add("--add-modules=" + roots);
        }
        return List.of("-m", MODULE + "/" + ChildMain.class.getName());
    }

    static Path writeArgFile(List<String> options) {
        StringBuilder text = new StringBuilder();
        for (String option : options) {
            text.append('"').append(option.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        try {
            Path file = Files.createTempFile(PrivateTempDir.get(), "java-", ".args");
            file.toFile().deleteOnExit();
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the child JVM argument file in " + PrivateTempDir.get()
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    private static final class Holder {
        static final JavaCommand INSTANCE = create(System.getProperty("java.class.path", ""));
    }
}
