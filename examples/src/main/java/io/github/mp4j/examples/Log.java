package io.github.mp4j.examples;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The article's {@code log} and {@code seg} helpers: a line with the time and the process id. */
final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Log() {
    }

    /** Prints {@code [time] [pid] message} to standard output. */
    static void log(String message) {
        System.out.println("[" + LocalTime.now().format(TIME) + "] [" + ProcessHandle.current().pid() + "] "
                + message);
        System.out.flush();
    }

    /** Prints a separator line around {@code title}. */
    static void seg(String title) {
        System.out.println("========== " + title + " ==========");
        System.out.flush();
    }
}
