package io.github.mp4j.examples.loganalyzer;

import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The mp4j version: worker JVMs take blocks of whole lines from one bounded queue, parse them, and each puts its
 * partial aggregates on a result queue when it takes an empty block (one per worker says the log ended). A block is
 * either its bytes ({@link Chunks#BYTES}: the parent reads the file in blocks cut at newlines) or its file range
 * ({@link Chunks#RANGES}: the parent only finds the cuts, each worker reads its ranges from the file). A worker that
 * answered waits on its own {@code go} queue for the next log before it takes blocks again, so it cannot take a
 * second empty block meant for another worker, and every worker answers exactly once per log. The parent merges the
 * workers' aggregates: Python's {@code Queue} fan-out with {@code Process} workers.
 *
 * <p>Workers are started once ({@link #start}) and serve any number of logs, one {@link #analyze} at a time: the
 * steady regime of a service whose workers stay up. {@link #close} stops them.
 */
public final class Mp4jAnalyzer implements AutoCloseable {
    /** Blocks waiting in the queue at most: the parent reads ahead this far, no further. */
    static final int QUEUE_BLOCKS = 8;
    private static final byte[] END = new byte[0];
    private static final long[] END_RANGE = new long[0];
    /** The {@code go} message that ends a worker; any other is a path (ranges) or empty (bytes). */
    private static final String STOP = "\u0000stop";
    private static final Duration JOIN = Duration.ofSeconds(60);

    private final Queue<Object> blocks;
    private final Queue<HashMap<String, Long>> results;
    private final List<Queue<String>> go = new ArrayList<>();
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
            Queue<String> go = mp.queue();
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

    /** The aggregates of {@code file}, parsed by the workers, its bytes sent through the queue. */
    public LogStats analyze(Path file) throws IOException, InterruptedException {
        return analyze(file, Chunks.BYTES);
    }

    /** The aggregates of {@code file}, parsed by the workers, its blocks handed over as {@code how} says. */
    public LogStats analyze(Path file, Chunks how) throws IOException, InterruptedException {
        String command = how == Chunks.RANGES ? file.toAbsolutePath().toString() : "";
        for (Queue<String> g : go) {
            g.put(command);
        }
        if (how == Chunks.RANGES) {
            for (long[] r : FileRanges.of(file, LogAnalyzer.BLOCK)) {
                blocks.put(r);
            }
        } else {
            try (BlockReader in = new BlockReader(file, LogAnalyzer.BLOCK)) {
                for (byte[] b = in.next(); b != null; b = in.next()) {
                    blocks.put(b);
                }
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            blocks.put(how == Chunks.RANGES ? END_RANGE : END);
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
            for (Queue<String> g : go) {
                g.put(STOP);
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
     * A worker: args {@code (Queue<Object> blocks, Queue<HashMap> results, Queue<String> go)}. Says it attached,
     * then per message on {@code go} parses blocks until an empty one and puts its aggregates: byte blocks after an
     * empty message, ranges of the file a non-empty message names; ends at {@link #STOP}.
     */
    @SuppressWarnings("unchecked")
    static void worker(Object... args) throws InterruptedException, IOException {
        Queue<Object> blocks = (Queue<Object>) args[0];
        Queue<HashMap<String, Long>> results = (Queue<HashMap<String, Long>>) args[1];
        Queue<String> go = (Queue<String>) args[2];
        results.put(new HashMap<>());
        byte[] buf = new byte[LogAnalyzer.BLOCK];
        for (String command = go.get(); !command.equals(STOP); command = go.get()) {
            LogStats stats = new LogStats();
            LogParser parser = new LogParser(stats);
            if (command.isEmpty()) {
                for (byte[] b = (byte[]) blocks.get(); b.length > 0; b = (byte[]) blocks.get()) {
                    parser.parse(b, 0, b.length);
                }
            } else {
                try (FileChannel ch = FileChannel.open(Path.of(command), StandardOpenOption.READ)) {
                    for (long[] r = (long[]) blocks.get(); r.length > 0; r = (long[]) blocks.get()) {
                        buf = FileRanges.read(ch, r, buf);
                        parser.parse(buf, 0, (int) (r[1] - r[0]));
                    }
                }
            }
            results.put(stats.toMap());
        }
    }
}
