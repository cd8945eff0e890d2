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
 * puts its partial aggregates on a result queue when it takes an empty block (one per worker says the log ended).
 * A worker that answered waits on its own {@code go} queue before it takes blocks again, so it cannot take a second
 * empty block meant for another worker, and every worker answers exactly once per log. The parent
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
    private final List<Queue<Boolean>> go = new ArrayList<>();
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
            Queue<Boolean> go = mp.queue();
            a.go.add(go);
            JvmProcess p = JvmProcess.builder(Mp4jAnalyzer::worker).args(a.blocks, a.results, go)
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
        for (Queue<Boolean> g : go) {
            g.put(Boolean.TRUE);
        }
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

    /** Stops the workers and waits for them to exit. */
    @Override
    public void close() throws InterruptedException {
        try {
            for (Queue<Boolean> g : go) {
                g.put(Boolean.FALSE);
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
            go.forEach(Queue::close);
        }
    }

    /**
     * A worker: args {@code (Queue<byte[]> blocks, Queue<HashMap> results, Queue<Boolean> go)}. Says it attached,
     * then per {@code true} on {@code go} parses blocks until an empty one and puts its aggregates; ends at
     * {@code false}.
     */
    @SuppressWarnings("unchecked")
    static void worker(Object... args) throws InterruptedException {
        Queue<byte[]> blocks = (Queue<byte[]>) args[0];
        Queue<HashMap<String, Long>> results = (Queue<HashMap<String, Long>>) args[1];
        Queue<Boolean> go = (Queue<Boolean>) args[2];
        results.put(new HashMap<>());
        while (go.get()) {
            LogStats stats = new LogStats();
            LogParser parser = new LogParser(stats);
            for (byte[] b = blocks.get(); b.length > 0; b = blocks.get()) {
                parser.parse(b, 0, b.length);
            }
            results.put(stats.toMap());
        }
    }
}
