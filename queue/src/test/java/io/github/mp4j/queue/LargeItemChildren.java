package io.github.mp4j.queue;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.SimpleQueue;
import java.time.Duration;

/** Child-JVM consumers for the pooled-array attack ({@link LargeItemPoolAttackTest}). */
final class LargeItemChildren {
    private LargeItemChildren() {
    }

    /**
     * Gets byte[] items from args[0] for ever, reporting each as {@link LargeItems#describe} on args[1]; for a
     * joinable queue, marks each done after reporting it. With args[2] true (a {@link Queue}) every
     * get has a 1 ms timeout, so that many expire while items are on their way.
     */
    @SuppressWarnings("unchecked")
    static void describeForever(Object... args) throws Exception {
        SimpleQueue<byte[]> items = (SimpleQueue<byte[]>) args[0];
        Queue<String> reports = (Queue<String>) args[1];
        boolean timed = (Boolean) args[2];
        for (;;) {
            byte[] b;
            if (timed) {
                try {
                    b = ((Queue<byte[]>) items).get(Duration.ofMillis(1));
                } catch (QueueEmptyException e) {
                    continue;
                }
            } else {
                b = items.get();
            }
            reports.put(LargeItems.describe(b));
            if (items instanceof JoinableQueue<byte[]> j) {
                j.taskDone();
            }
        }
    }

    /** Gets args[2] items from args[0], reports each as {@link LargeItems#describe} on args[1], then hangs. */
    @SuppressWarnings("unchecked")
    static void getThenHang(Object... args) throws Exception {
        SimpleQueue<byte[]> items = (SimpleQueue<byte[]>) args[0];
        Queue<String> reports = (Queue<String>) args[1];
        for (int i = 0, n = (Integer) args[2]; i < n; i++) {
            reports.put(LargeItems.describe(items.get()));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
