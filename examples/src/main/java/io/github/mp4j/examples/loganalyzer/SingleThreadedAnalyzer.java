package io.github.mp4j.examples.loganalyzer;

import java.io.IOException;
import java.nio.file.Path;

/** The single-threaded version: reads the blocks and parses them in the calling thread. */
public final class SingleThreadedAnalyzer {
    private SingleThreadedAnalyzer() {
    }

    /** The aggregates of {@code file}. */
    public static LogStats analyze(Path file) throws IOException {
        LogStats stats = new LogStats();
        LogParser parser = new LogParser(stats);
        try (BlockReader in = new BlockReader(file, LogAnalyzer.BLOCK)) {
            for (byte[] b = in.next(); b != null; b = in.next()) {
                parser.parse(b, 0, b.length);
            }
        }
        return stats;
    }
}
