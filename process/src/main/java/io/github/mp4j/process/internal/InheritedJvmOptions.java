package io.github.mp4j.process.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent JVM's launch options a child must share to run the same code: module access flags
 * ({@code --add-opens}, {@code --add-exports}, {@code --add-reads}, {@code --add-modules}, {@code --patch-module}),
 * {@code --enable-preview}, assertion switches and {@code -D} system properties. Debuggers and agents
 * ({@code -agentlib}, {@code -agentpath}, {@code -javaagent}, {@code -Xrunjdwp}, {@code -Xdebug}), heap and GC
 * tuning, and properties the launcher sets itself are never passed on.
 */
public final class InheritedJvmOptions {
    private static final List<String> MODULE_OPTIONS =
            List.of("--add-opens", "--add-exports", "--add-reads", "--add-modules", "--patch-module");
    private static final List<String> FLAGS = List.of("--enable-preview", "-ea", "-da", "-esa", "-dsa",
            "-enableassertions", "-disableassertions", "-enablesystemassertions", "-disablesystemassertions");
    private static final List<String> LAUNCHER_PROPERTIES = List.of("-Djava.class.path=", "-Djdk.module.",
            "-Djava.home=", "-Dsun.java.command=", "-Dsun.java.launcher", "-Djdk.internal.", "-Dsun.boot.library.path=");

    private InheritedJvmOptions() {
    }

    /** The options of the running JVM that a child inherits, in their original order. */
    public static List<String> ofThisJvm() {
        return select(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * Picks the inheritable options out of {@code inputArguments} (as {@code RuntimeMXBean.getInputArguments()}
     * reports them); a module option given as two tokens ({@code --add-opens x=y}) keeps its value token.
     */
    public static List<String> select(List<String> inputArguments) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < inputArguments.size(); i++) {
            String arg = inputArguments.get(i);
            if (MODULE_OPTIONS.contains(arg) && i + 1 < inputArguments.size()) {
                kept.add(arg + "=" + inputArguments.get(++i));
            } else if (isInheritable(arg)) {
                kept.add(arg);
            }
        }
        return kept;
    }

    private static boolean isInheritable(String arg) {
        for (String option : MODULE_OPTIONS) {
            if (arg.startsWith(option + "=")) {
                return true;
            }
        }
        if (FLAGS.contains(arg) || arg.startsWith("-ea:") || arg.startsWith("-da:")
                || arg.startsWith("-enableassertions:") || arg.startsWith("-disableassertions:")) {
            return true;
        }
        if (!arg.startsWith("-D")) {
            return false;
        }
        for (String prefix : LAUNCHER_PROPERTIES) {
            if (arg.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
