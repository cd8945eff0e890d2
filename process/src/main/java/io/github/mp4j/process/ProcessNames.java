package io.github.mp4j.process;

import java.util.concurrent.atomic.AtomicInteger;

/** Default names {@code JvmProcess-1}, {@code JvmProcess-2}, ... in creation order, like Python's {@code Process-N}. */
final class ProcessNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ProcessNames() {
    }

    static String next() {
        return "JvmProcess-" + COUNTER.incrementAndGet();
    }
}
