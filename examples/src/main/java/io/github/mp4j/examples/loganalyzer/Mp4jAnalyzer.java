package io.github.mp4j.examples.loganalyzer;

import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The mp4j version: worker JVMs take raw blocks of whole lines from one bounded queue, split and parse them, and each
 * puts its partial aggregates on a result queue when it takes the empty block that says the log ended. The parent
 * only reads the file in blocks cut at newlines, puts them, and merges the workers' aggregates: Python's
 * {@code Queue} fan-out with {@code Process} workers.
 *
 * <p>Workers are started once ({@link #start}) and serve any number of logs, one {@link #analyze} at a time: the
 * steady regime of a service whose workers stay up. {@link #close} stops them.
 */
public final class Mp4jAnalyzer implements AutoCloseable {
    /** Blocks waiting in the queue at most: the parent reads ahead this far, no further. */
    static final int QUEUE_BLOCKS = 8;
    private static final byte[] END = new byte[0];
    private static final Duration JOIN = Duration.ofSeconds(60);

    private final Queue<byte[]> blocks;
    private final Queue<HashMap<String, Long>> results;
    private final List<JvmProcess> workers = new ArrayList<>();

    private Mp4jAnalyzer(QueueFactory mp) {
        this.blocks = mp.queue(QUEUE_BLOCKS);
        this.results = mp.queue();
    }

    /** Starts {@code count} worker JVMs on queues of {@code mp}; returns once every worker has attached. */
    @SuppressWarnings("unchecked")
    public static Mp4jAnalyzer start(QueueFactory mp, int count) throws InterruptedException {
        Mp4jAnalyzer a = new Mp4jAnalyzer(mp);
        for (int i = 1; i <= count; i++) {
            JvmProcess p = JvmProcess.builder(Mp4jAnalyzer::worker).args(a.blocks, a.results)
                    .name("log-worker-" + i).daemon(true).build();
            p.start();
            a.workers.add(p);
        }
        for (int i = 0; i < count; i++) {
            a.results.get(); // each worker's empty hello: it has attached to both queues
        }
        return a;
    }

    /** The aggregates of {@code file}, parsed by the workers. */
    public LogStats analyze(Path file) throws IOException, InterruptedException {
        try (BlockReader in = new BlockReader(file, LogAnalyzer.BLOCK)) {
            for (byte[] b = in.next(); b != null; b = in.next()) {
                blocks.put(b);
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            blocks.put(END);
        }
        LogStats total = new LogStats();
        for (int i = 0; i < workers.size(); i++) {
            total.merge(LogStats.fromMap(results.get()));
        }
        return total;
    }

    /** Stops the workers (a null block each) and waits for them to exit. */
    @Override
    public void close() throws InterruptedException {
        try {
            for (int i = 0; i < workers.size(); i++) {
                blocks.put(null);
            }
            for (JvmProcess p : workers) {
                if (!p.join(JOIN)) {
                    p.kill();
                    throw new IllegalStateException(p.name() + " did not stop within " + JOIN + "; killed it");
                }
            }
        } finally {
            blocks.close();
            results.close();
        }
    }

    /**
     * A worker: args {@code (Queue<byte[]> blocks, Queue<HashMap> results)}. Parses blocks until an empty one, then
     * puts its aggregates and starts over; ends at a null block.
     */
    @SuppressWarnings("unchecked")
    static void worker(Object... args) throws InterruptedException {
        Queue<byte[]> blocks = (Queue<byte[]>) args[0];
        Queue<HashMap<String, Long>> results = (Queue<HashMap<String, Long>>) args[1];
        results.put(new HashMap<>());
        LogStats stats = new LogStats();
        LogParser parser = new LogParser(stats);
        for (;;) {
            byte[] b = blocks.get();
            if (b == null) {
                return;
            }
            if (b.length == 0) {
                results.put(stats.toMap());
                stats = new LogStats();
                parser = new LogParser(stats);
            } else {
                parser.parse(b, 0, b.length);
            }
        }
    }
}
