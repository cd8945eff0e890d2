package io.github.mp4j.queue;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Base64;

/** What the tests' child JVMs run; each method is a {@link io.github.mp4j.process.ProcessTarget}. */
final class QueueChildren {
    private QueueChildren() {
    }

    /** test_fork: puts 10..19 on the queue args[0]. */
    @SuppressWarnings("unchecked")
    static void putTenToNineteen(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        for (int i = 10; i < 20; i++) {
            q.put(i);
        }
    }

    /** test_task_done worker: squares tasks from args[0] into args[1] until a null task. */
    @SuppressWarnings("unchecked")
    static void squareWorker(Object... args) throws Exception {
        JoinableQueue<Integer> tasks = (JoinableQueue<Integer>) args[0];
        SimpleQueue<Integer> results = (SimpleQueue<Integer>) args[1];
        for (Integer t = tasks.get(); t != null; t = tasks.get()) {
            results.put(t * t);
            tasks.taskDone();
        }
    }

    /** The article's queue demo: prints messages from args[0] until "quit". */
    @SuppressWarnings("unchecked")
    static void printUntilQuit(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        for (String m = q.get(); !"quit".equals(m); m = q.get()) {
            System.out.println(m);
        }
    }

    /** Gets one item from args[0] and puts it on args[1]. */
    @SuppressWarnings("unchecked")
    static void relayOne(Object... args) throws Exception {
        ((SimpleQueue<Object>) args[1]).put(((SimpleQueue<Object>) args[0]).get());
    }

    /** Takes one task from args[0], reports it on args[1], then hangs without marking it done. */
    @SuppressWarnings("unchecked")
    static void takeTaskThenHang(Object... args) throws Exception {
        Object task = ((JoinableQueue<Object>) args[0]).get();
        ((SimpleQueue<Object>) args[1]).put("took " + task);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Puts an array of args[1] bytes (byte i = i * 31) on args[0] and exits at once. */
    @SuppressWarnings("unchecked")
    static void putLargeItemAndExit(Object... args) throws Exception {
        ((Queue<byte[]>) args[0]).put(pattern((Integer) args[1]));
    }

    /**
     * A slow consumer of large items: waits for a count on args[1] (-1 ends), gets that many byte[] items from args[0]
     * and reports each as {@link LargeItems#describe} on args[2].
     */
    @SuppressWarnings("unchecked")
    static void describeLargeItemsWhenTold(Object... args) throws Exception {
        Queue<byte[]> items = (Queue<byte[]>) args[0];
        Queue<Integer> go = (Queue<Integer>) args[1];
        Queue<String> reports = (Queue<String>) args[2];
        for (int n = go.get(); n >= 0; n = go.get()) {
            for (int i = 0; i < n; i++) {
                reports.put(LargeItems.describe(items.get()));
            }
        }
    }

    /** Takes args[2] large tasks from args[0], reports each as {@link LargeItems#describe} on args[1], then hangs. */
    @SuppressWarnings("unchecked")
    static void takeLargeTasksThenHang(Object... args) throws Exception {
        JoinableQueue<byte[]> tasks = (JoinableQueue<byte[]>) args[0];
        Queue<String> reports = (Queue<String>) args[1];
        for (int i = 0, n = (Integer) args[2]; i < n; i++) {
            reports.put(LargeItems.describe(tasks.get()));
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Receives a queue inside a message on args[0] and puts "via message" on it. */
    @SuppressWarnings("unchecked")
    static void useQueueFromMessage(Object... args) throws Exception {
        Queue<String> got = (Queue<String>) ((Queue<Object>) args[0]).get();
        got.put("via message");
    }

    /**
     * Owns three queues (unbounded, bounded and full, joinable with one unfinished task), prints their handles
     * (Base64 JDK serialization) on one stdout line, then waits to be killed.
     */
    static void ownQueuesThenHang(Object... args) throws Exception {
        QueueFactory f = QueueFactory.defaults();
        Queue<String> plain = f.queue();
        Queue<String> bounded = f.queue(1);
        bounded.put("filler");
        JoinableQueue<String> joinable = f.joinableQueue();
        joinable.put("unfinished");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Object[] {plain, bounded, joinable});
        }
        System.out.println(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * A worker for undecodable tasks: gets from args[0] until a null task; a get that throws a DecodeException is
     * reported on args[1] as {@code "undecodable: <exception class>"} and not marked done, any other task is
     * reported as {@code "task <t>"} and marked done; finally reports {@code "counted <n>"} with the queue's
     * {@code tasksUndecodable()} as this attached process reads it.
     */
    @SuppressWarnings("unchecked")
    static void undecodableWorker(Object... args) throws Exception {
        JoinableQueue<Object> tasks = (JoinableQueue<Object>) args[0];
        SimpleQueue<String> results = (SimpleQueue<String>) args[1];
        for (;;) {
            Object t;
            try {
                t = tasks.get();
            } catch (io.github.mp4j.DecodeException e) {
                results.put("undecodable: " + e.getClass().getSimpleName());
                continue;
            }
            if (t == null) {
                tasks.taskDone();
                break;
            }
            results.put("task " + t);
            tasks.taskDone();
        }
        results.put("counted " + tasks.tasksUndecodable());
    }

    /** Reports on args[1] the message of {@code getNowait()} on the empty queue args[0], then what put said. */
    @SuppressWarnings("unchecked")
    static void describeEmptyQueue(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        SimpleQueue<String> results = (SimpleQueue<String>) args[1];
        try {
            q.getNowait();
            results.put("not empty");
        } catch (io.github.mp4j.QueueEmptyException e) {
            results.put(e.getMessage());
        }
    }

    /** The content {@link #putLargeItemAndExit} sends. */
    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    static boolean isPattern(byte[] b, int size) {
        return b.length == size && Arrays.equals(b, pattern(size));
    }
}
