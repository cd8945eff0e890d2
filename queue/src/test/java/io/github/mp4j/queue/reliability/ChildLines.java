package io.github.mp4j.queue.reliability;

import io.github.mp4j.process.JvmProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a child's reports (see {@link ReliabilityChildren}): its stdout lines, collected on a daemon thread so
 * waiters can block until enough arrived (no sleeps), and its report file, the exact record once it died.
 */
final class ChildLines {
    private final List<String> lines = new ArrayList<>();
    private final JvmProcess child;
    private final Path record;
    private final Map<String, Integer> counts = new HashMap<>();
    private boolean ended;

    /** Starts reading {@code child}'s stdout (started with its output piped) and remembers its report file. */
    ChildLines(JvmProcess child, Path record) {
        this.child = child;
        this.record = record;
        Thread t = new Thread(() -> read(child), "lines-of-" + child.pid());
        t.setDaemon(true);
        t.start();
    }

    private void read(JvmProcess child) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    int space = line.indexOf(' ');
                    counts.merge(space < 0 ? line : line.substring(0, space + 1), 1, Integer::sum);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream was closed under us once the child died: the report file has the full record
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** The child. */
    JvmProcess process() {
        return child;
    }

    /** Waits until at least {@code n} lines start with {@code prefix}. */
    synchronized void awaitCount(String prefix, int n, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (count(prefix) < n) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError("expected " + n + " lines starting with '" + prefix + "', have "
                        + count(prefix) + (ended ? " and the child's output ended" : " after " + bound));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for the (dead or exiting) child to end, then returns every line of its report file. */
    List<String> awaitEnd(Duration bound) throws InterruptedException, IOException {
        if (!child.join(bound)) {
            throw new AssertionError("child " + child.pid() + " did not end within " + bound);
        }
        return Files.readAllLines(record, StandardCharsets.UTF_8);
    }

    /** The first line (call after {@link #awaitCount} saw at least one). */
    synchronized String firstLine() {
        return lines.get(0);
    }

    /** The text after {@code prefix} of every line that starts with it, in order. */
    static List<String> after(List<String> lines, String prefix) {
        List<String> r = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                r.add(l.substring(prefix.length()));
            }
        }
        return r;
    }

    /** Lines so far whose first word plus space (or whole text, for one-word lines) is {@code prefix}. */
    synchronized int count(String prefix) {
        if (prefix.isEmpty()) {
            return lines.size();
        }
        return counts.getOrDefault(prefix, 0);
    }
}
