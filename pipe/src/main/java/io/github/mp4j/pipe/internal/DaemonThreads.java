package io.github.mp4j.pipe.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with mp4j names. Every background thread mp4j starts (accept loops, handshakes, queue writers,
 * parent watches, relays) is a daemon, so an mp4j object left unclosed never keeps a JVM alive, and is named
 * {@code mp4j-<role>} so a thread dump says what it serves.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A daemon thread named {@code name} running {@code task}, not yet started. */
    public static Thread create(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts a daemon thread named {@code name} running {@code task} and returns it. */
    public static Thread start(String name, Runnable task) {
        Thread t = create(name, task);
        t.start();
        return t;
    }

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> create(prefix + "-" + n.incrementAndGet(), task);
    }
}
