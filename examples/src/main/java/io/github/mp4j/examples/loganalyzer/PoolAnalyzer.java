package io.github.mp4j.examples.loganalyzer;

import io.github.mp4j.pool.JvmPool;
import io.github.mp4j.pool.MapIterator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;

/**
 * The pool version, as short as CPython's {@code Pool.imap_unordered} one: each file range is a task that a worker
 * JVM reads and parses into partial aggregates; the parent merges them as they come. No queues, stop signals,
 * liveness checks or failure records by hand: the pool runs the tasks, replaces a worker that dies and reports a
 * task's exception with the worker's stack.
 */
public final class PoolAnalyzer {
    private PoolAnalyzer() {
    }

    /** The aggregates of {@code file}, its ranges parsed by the workers of {@code pool}. */
    public static LogStats analyze(JvmPool pool, Path file) throws IOException {
        String path = file.toAbsolutePath().toString();
        LogStats total = new LogStats();
        try (MapIterator<HashMap<String, Long>> parts = pool.imapUnordered(range -> parse(path, range),
                FileRanges.of(file, LogAnalyzer.BLOCK))) {
            parts.forEachRemaining(part -> total.merge(LogStats.fromMap(part)));
        }
        return total;
    }

    /** A task: the aggregates of the lines in {@code range} of the file at {@code path}. */
    static HashMap<String, Long> parse(String path, long[] range) throws IOException {
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            LogStats stats = new LogStats();
            byte[] block = FileRanges.read(ch, range, new byte[0]);
            new LogParser(stats).parse(block, 0, (int) (range[1] - range[0]));
            return stats.toMap();
        }
    }
}
