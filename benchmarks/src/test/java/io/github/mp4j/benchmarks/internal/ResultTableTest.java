package io.github.mp4j.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void ratesAreJudgedByMedianRatioAtLeastTheBar() {
        ResultTable t = new ResultTable(List.of("jdk", "kryo"), true);
        t.add(Workload.QUEUE_1P1C, ResultTable.CPYTHON, 100);
        for (double v : new double[] {300, 450, 9999}) {
            t.add(Workload.QUEUE_1P1C, "kryo", v);
        }

        assertThat(t.ratio(Workload.QUEUE_1P1C)).isEqualTo(4.5);
        assertThat(t.passes(Workload.QUEUE_1P1C)).isFalse();
        assertThat(t.toMarkdown()).contains("| Queue 1 producer / 1 consumer | msg/s | 100.0 | — | 450.0 | 4.50x"
                + " | >= 6.0x CPython | FAIL |");
        ResultTable fresh = new ResultTable(List.of("kryo"), false);
        fresh.add(Workload.QUEUE_1P1C, ResultTable.CPYTHON, 100);
        fresh.add(Workload.QUEUE_1P1C, "kryo", 450);
        assertThat(fresh.passes(Workload.QUEUE_1P1C)).isTrue();
        assertThat(fresh.toMarkdown()).contains("| 4.50x | >= 2.5x CPython | PASS |");
    }

    @Test
    void timesAreJudgedByRatioAtMostTheBar() {
        ResultTable t = new ResultTable(List.of("kryo"));
        t.add(Workload.PIPE_PINGPONG, ResultTable.CPYTHON, 100);
        t.add(Workload.PIPE_PINGPONG, "kryo", 85);

        assertThat(t.passes(Workload.PIPE_PINGPONG)).isFalse();
        assertThat(t.toMarkdown()).contains("| 0.85x | <= 0.6x CPython time | FAIL |");
        t.add(Workload.PIPE_PINGPONG, "kryo", 50);
        t.add(Workload.PIPE_PINGPONG, "kryo", 50);
        assertThat(t.passes(Workload.PIPE_PINGPONG)).isTrue();
    }

    @Test
    void steadyBandwidthNeedsBothTheCPythonRatioAndTheRawSocket() {
        ResultTable t = new ResultTable(List.of("jdk", "kryo"), true);
        t.add(Workload.PIPE_BANDWIDTH, ResultTable.CPYTHON, 1000);
        t.add(Workload.PIPE_BANDWIDTH, "kryo", 3000);
        t.add(Workload.RAW_SOCKET, "kryo", 3100);

        assertThat(t.passes(Workload.PIPE_BANDWIDTH)).isFalse();
        assertThat(t.toMarkdown()).contains("| Pipe 1 MiB frames | MiB/s | 1,000 | (bytes: same) | 3,000 | 3.00x,"
                + " 97% of raw | >= 3.0x CPython, >= raw | FAIL |");

        t.add(Workload.RAW_SOCKET, "kryo", 2900);
        t.add(Workload.RAW_SOCKET, "kryo", 2900);
        assertThat(t.passes(Workload.PIPE_BANDWIDTH)).isTrue();
        ResultTable fresh = new ResultTable(List.of("kryo"), false);
        fresh.add(Workload.PIPE_BANDWIDTH, ResultTable.CPYTHON, 1000);
        fresh.add(Workload.PIPE_BANDWIDTH, "kryo", 1500);
        fresh.add(Workload.RAW_SOCKET, "kryo", 9000);
        assertThat(fresh.passes(Workload.PIPE_BANDWIDTH)).isTrue();
    }

    @Test
    void aMissingCPythonFigureLeavesTheRowUnjudged() {
        ResultTable t = new ResultTable(List.of("kryo"));
        t.add(Workload.PIPE_THROUGHPUT, "kryo", 5000);

        assertThat(t.passes(Workload.PIPE_THROUGHPUT)).isNull();
        assertThat(t.toMarkdown()).contains("| Pipe one-way small record | msg/s | — | 5,000 |  | >= 3.0x CPython |  |");
    }

    @Test
    void largeItemQueueRowsAreJudgedAgainstEightyPercentOfThePipesBandwidthWithoutCPython() {
        ResultTable t = new ResultTable(List.of("kryo"));
        t.add(Workload.PIPE_BANDWIDTH, "kryo", 1000);
        t.add(Workload.QUEUE_BYTES_1MIB, "kryo", 800);
        t.add(Workload.QUEUE_LINES_1MIB, "kryo", 790);

        assertThat(t.passes(Workload.QUEUE_BYTES_1MIB)).isTrue();
        assertThat(t.passes(Workload.QUEUE_LINES_1MIB)).isFalse();
        assertThat(t.toMarkdown())
                .contains("| Queue 1p1c, 1 MiB byte[] items | MiB/s | — | 800.0 | 80% of pipe | >= 80% of pipe 1 MiB | PASS |")
                .contains("| Queue 1p1c, 1 MiB List<String> items (10,000 lines) | MiB/s | — | 790.0 | 79% of pipe |"
                        + " >= 80% of pipe 1 MiB | FAIL |");
    }

    @Test
    void aLargeItemRowWithoutAPipeFigureIsUnjudged() {
        ResultTable t = new ResultTable(List.of("kryo"));
        t.add(Workload.QUEUE_BYTES_1MIB, "kryo", 800);

        assertThat(t.passes(Workload.QUEUE_BYTES_1MIB)).isNull();
    }
}
