package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.pool.internal.Chunker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's chunk sizes, chunks really running as one task, and the progress listener. */
class ChunkingAndProgressTest {

    @Test
    void defaultChunksizeIsCpythonsDivmodRule() {
        // CPython: chunksize, extra = divmod(len, len(pool) * 4); if extra: chunksize += 1
        assertThat(Chunker.defaultSize(100_000, 2)).isEqualTo(12_500);
        assertThat(Chunker.defaultSize(100_001, 2)).isEqualTo(12_501);
        assertThat(Chunker.defaultSize(7, 2)).isEqualTo(1);
        assertThat(Chunker.defaultSize(9, 2)).isEqualTo(2);
        assertThat(Chunker.defaultSize(0, 2)).isEqualTo(1);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void eachChunkRunsAsOneTaskAndProgressCountsWholeChunks() throws Exception {
        List<Long> reported = Collections.synchronizedList(new ArrayList<>());
        List<Long> totals = Collections.synchronizedList(new ArrayList<>());
        try (JvmPool pool = Pools.builder(2).build()) {
            List<Integer> input = IntStream.range(0, 12).boxed().collect(Collectors.toList());
            List<String> out = pool.map(Tasks::pidAndCall, input, 4, (done, total) -> {
                reported.add(done);
                totals.add(total);
            });
            assertThat(out).hasSize(12);
            for (int chunk = 0; chunk < 3; chunk++) {
                List<String> part = out.subList(chunk * 4, chunk * 4 + 4);
                String pid = part.get(0).split(":")[0];
                long first = Long.parseLong(part.get(0).split(":")[1]);
                for (int i = 0; i < 4; i++) {
                    assertThat(part.get(i)).as("chunk %d element %d", chunk, i).isEqualTo(pid + ":" + (first + i));
                }
            }
            assertThat(reported).containsExactly(4L, 8L, 12L);
            assertThat(totals).containsOnly(12L);
        }
    }
}
