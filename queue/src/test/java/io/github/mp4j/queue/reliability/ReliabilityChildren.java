package io.github.mp4j.queue.reliability;

import io.github.mp4j.Connection;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.queue.QueueFactory;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the reliability tests' child JVMs run (each a {@link io.github.mp4j.process.ProcessTarget}). Every child
 * reports one line per operation, only after the operation returned, so a line is proof of an acknowledged put, a
 * delivered get, a finished task: on stdout (to follow progress) and, with one unbuffered write each, to the file
 * named by the system property {@value #REPORT_PROPERTY} (the exact record: a write that returned is in the
 * kernel and survives {@code kill -9}, while the parent's reading of a dead child's stdout may be cut short).
 */
final class ReliabilityChildren {
    /** The item that tells a consumer or worker to stop. */
    static final String STOP = "STOP";
    /** The system property naming a child's report file. */
    static final String REPORT_PROPERTY = "mp4j.reliability.report";
    private static final PrintStream OUT = System.out;
    private static FileOutputStream record;

    private ReliabilityChildren() {
    }

    /** Puts items of source args[1] on the queue args[0] for ever, printing {@code ACK <seq>} after each put. */
    @SuppressWarnings("unchecked")
    static void produceForever(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        int source = (Integer) args[1];
        for (long seq = 0; ; seq++) {
            q.put(Items.make(source, seq));
            report("ACK " + seq);
        }
    }

    /**
     * Gets items from args[0] until {@link #STOP}, printing {@code GOT <item>} after each get, then working on it
     * for args[1] milliseconds.
     */
    @SuppressWarnings("unchecked")
    static void consumeUntilStop(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        long work = (Integer) args[1];
        for (String item = q.get(); !STOP.equals(item); item = q.get()) {
            report("GOT " + item);
            Thread.sleep(work);
        }
    }

    /**
     * Gets args[2] items from args[0], printing {@code GOT <item>} after each get, then prints {@code IDLE} and waits
     * for a message on args[1] (holding what it prefetched); again and again.
     */
    @SuppressWarnings("unchecked")
    static void consumeInBurstsThenWait(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        SimpleQueue<Object> go = (SimpleQueue<Object>) args[1];
        int burst = (Integer) args[2];
        for (;;) {
            for (int i = 0; i < burst; i++) {
                report("GOT " + q.get());
            }
            report("IDLE");
            go.get();
        }
    }

    /**
     * Works on tasks from the joinable queue args[0] until {@link #STOP}: {@code TOOK <task>} after get, args[1]
     * milliseconds of work, then {@code DONE <task>} after taskDone.
     */
    @SuppressWarnings("unchecked")
    static void workUntilStop(Object... args) throws Exception {
        JoinableQueue<String> tasks = (JoinableQueue<String>) args[0];
        long work = (Integer) args[1];
        for (;;) {
            String task = tasks.get();
            if (STOP.equals(task)) {
                tasks.taskDone();
                return;
            }
            report("TOOK " + task);
            Thread.sleep(work);
            tasks.taskDone();
            report("DONE " + task);
        }
    }

    /**
     * Owns a queue of at most 1000 items: prints its handle (Base64 JDK serialization) on the first line, then
     * puts items of source 0 for ever, printing {@code ACK <seq>} after each put.
     */
    static void ownAndProduceForever(Object... args) throws Exception {
        Queue<String> q = QueueFactory.builder().transport(Transport.valueOf((String) args[0])).build().queue(1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(q);
        }
        report(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        produceForever(q, 0);
    }

    /** Sends items of source 0 on the pipe end args[0] for ever, printing {@code ACK <seq>} after each send. */
    static void sendForever(Object... args) throws Exception {
        Connection end = (Connection) args[0];
        for (long seq = 0; ; seq++) {
            end.send(Items.make(0, seq));
            report("ACK " + seq);
        }
    }

    private static synchronized void report(String line) throws IOException {
        if (record == null) {
            record = new FileOutputStream(System.getProperty(REPORT_PROPERTY), true);
        }
        record.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        OUT.println(line);
        OUT.flush();
    }
}
