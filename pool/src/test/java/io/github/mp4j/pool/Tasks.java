package io.github.mp4j.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** What the tests run in worker JVMs. */
final class Tasks {
    /** Calls of {@link #pidAndCall} in this worker JVM. */
    private static final AtomicLong CALLS = new AtomicLong();

    private Tasks() {
    }

    /** "pid:n", n counting this worker's calls: consecutive n in one pid show one chunk. */
    static String pidAndCall(Object ignored) {
        return ProcessHandle.current().pid() + ":" + CALLS.incrementAndGet();
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Ends this JVM with SIGKILL, as {@code kill -9} from outside does. */
    static void killMyself() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        Thread.sleep(60_000); // the signal lands first
    }

    /** Kills its worker the first time (marker file absent), returns x * 10 afterwards. */
    static int killOnceThenTimesTen(int x, String marker) throws IOException, InterruptedException {
        if (x == 3 && !Files.exists(Path.of(marker))) {
            Files.createFile(Path.of(marker));
            killMyself();
        }
        return x * 10;
    }

    static void write(String file, String text) {
        try {
            Files.writeString(Path.of(file), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path started(Path file) {
        return file.resolveSibling(file.getFileName() + ".started");
    }

    static void boom() {
        throw new IllegalStateException("boom", new IllegalArgumentException("root cause"));
    }

    /**
     * Writes {@code file.started}, waits (interruptibly) until interrupted, then writes "interrupted" into
     * {@code file}.
     */
    static String waitForInterrupt(String name) throws IOException {
        Path file = Path.of(name);
        Files.writeString(started(file), "started");
        try {
            Thread.sleep(600_000);
            return "slept";
        } catch (InterruptedException e) {
            Files.writeString(file, "interrupted");
            return "interrupted";
        }
    }
}
