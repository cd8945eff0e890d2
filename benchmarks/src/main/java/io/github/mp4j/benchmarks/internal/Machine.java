package io.github.mp4j.benchmarks.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Describes the machine a run happens on: cores, JDK, OS, Python, load. */
public final class Machine {
    private Machine() {
    }

    /** The 1/5/15-minute load averages from {@code /proc/loadavg}, else the JVM's 1-minute figure. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    /** One line per fact, Markdown list items. */
    public static String describe(String pythonVersion) {
        return "- cores: " + Runtime.getRuntime().availableProcessors() + "\n"
                + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n"
                + "- Python: " + pythonVersion + " (start method fork)\n"
                + "- load average at start (1/5/15 min): " + loadAverage() + "\n";
    }
}
