package io.github.mp4j.examples.loganalyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.pool.JvmPool;
import io.github.mp4j.queue.QueueFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The three LogAnalyzer versions print identical aggregates on a small generated log. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LogAnalyzerTest {
    private static final int LINES = 30_000;

    @TempDir
    static Path dir;
    private static Path log;
    private static String singleReport;

    @BeforeAll
    static void writeLog() throws Exception {
        log = dir.resolve("access.log");
        AccessLog.write(log, LINES, AccessLog.SEED);
        singleReport = SingleThreadedAnalyzer.analyze(log).report();
    }

    @Test
    void singleThreadedVersionCountsEveryGeneratedLine() {
        assertThat(singleReport).startsWith("lines: " + LINES + " (malformed: 0)\nstatus 200: ");
        assertThat(singleReport).contains("\nbytes /api/v1/items: ", "\nminutes: ", "\nminutes sha256: ");
    }

    @Test
    void mp4jVersionWithTwoWorkerJvmsPrintsTheSingleThreadedAggregatesForEveryLogItServes() throws Exception {
        try (Mp4jAnalyzer a = Mp4jAnalyzer.start(QueueFactory.defaults(), LogAnalyzer.WORKERS)) {
            assertThat(a.analyze(log).report()).isEqualTo(singleReport);
            assertThat(a.analyze(log).report()).as("second log on the same workers").isEqualTo(singleReport);
        }
    }

    @Test
    void mp4jVersionHandingOverFileRangesPrintsTheSingleThreadedAggregatesInEitherModeOnTheSameWorkers()
            throws Exception {
        try (Mp4jAnalyzer a = Mp4jAnalyzer.start(QueueFactory.defaults(), LogAnalyzer.WORKERS)) {
            assertThat(a.analyze(log, Chunks.RANGES).report()).isEqualTo(singleReport);
            assertThat(a.analyze(log, Chunks.BYTES).report()).as("then bytes").isEqualTo(singleReport);
            assertThat(a.analyze(log, Chunks.RANGES).report()).as("ranges again").isEqualTo(singleReport);
        }
    }

    @Test
    void poolVersionPrintsTheSingleThreadedAggregatesTwiceOnTheSamePool() throws Exception {
        try (JvmPool pool = JvmPool.of(QueueFactory.defaults(), LogAnalyzer.WORKERS)) {
            assertThat(PoolAnalyzer.analyze(pool, log).report()).isEqualTo(singleReport);
            assertThat(PoolAnalyzer.analyze(pool, log).report()).as("again").isEqualTo(singleReport);
        }
    }

    @Test
    void cpythonVersionPrintsTheSingleThreadedAggregates() throws Exception {
        assumeTrue(PythonAnalyzer.available(), "python3 is not installed: the CPython version cannot run");
        for (String mode : List.of("bytes", "ranges", "pool")) {
            LogAnalyzer.Result py = PythonAnalyzer.analyze(log, LogAnalyzer.WORKERS, mode);
            assertThat(py.report()).as(mode).isEqualTo(singleReport);
            assertThat(py.seconds()).isPositive();
        }
    }

    @Test
    void generatedLogIsTheSameForTheSameSeed() throws Exception {
        Path again = dir.resolve("again.log");
        AccessLog.write(again, 1000, AccessLog.SEED);
        Path first = dir.resolve("first.log");
        AccessLog.write(first, 1000, AccessLog.SEED);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(first));
    }
}
