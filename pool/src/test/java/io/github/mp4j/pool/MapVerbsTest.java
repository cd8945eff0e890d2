package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** map, starmap, imap, imapUnordered and apply on two real worker JVMs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapVerbsTest {
    static JvmPool pool;

    @BeforeAll
    static void start() {
        pool = Pools.builder(2).build();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    static int square(int x) {
        return x * x;
    }

    static long pidTimes(int x) {
        return x;
    }

    @Test
    void mapReturnsResultsInInputOrder() throws Exception {
        List<Integer> input = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
        assertThat(pool.map(MapVerbsTest::square, input))
                .isEqualTo(input.stream().map(x -> x * x).collect(Collectors.toList()));
    }

    @Test
    void mapOfAnEmptyInputIsEmpty() throws Exception {
        assertThat(pool.map(MapVerbsTest::square, List.<Integer>of())).isEmpty();
    }

    @Test
    void lambdasCapturingValuesRunInTheWorker() throws Exception {
        int offset = 7;
        assertThat(pool.map((Integer x) -> x + offset, List.of(1, 2, 3))).containsExactly(8, 9, 10);
    }

    @Test
    void starmapUnpacksPairs() throws Exception {
        assertThat(pool.starmap((Integer a, Integer b) -> a * 10 + b,
                List.of(Map.entry(1, 2), Map.entry(3, 4), Map.entry(5, 6)))).containsExactly(12, 34, 56);
    }

    @Test
    void imapYieldsInInputOrderEvenWhenLaterElementsFinishFirst() throws Exception {
        // element 0 sleeps, so the later ones finish first on the other worker
        List<Integer> out = new ArrayList<>();
        try (MapIterator<Integer> it = pool.imap(MapVerbsTest::slowFirst, List.of(0, 1, 2, 3, 4, 5))) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5);
    }

    static int slowFirst(int x) throws InterruptedException {
        if (x == 0) {
            Thread.sleep(300); // the work being measured, not synchronisation
        }
        return x;
    }

    @Test
    void imapUnorderedYieldsEveryResultOnce() {
        List<Integer> out = new ArrayList<>();
        pool.imapUnordered(MapVerbsTest::square, IntStream.range(0, 50).boxed().collect(Collectors.toList()), 3)
                .forEachRemaining(out::add);
        assertThat(out).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 50).map(x -> x * x).boxed().collect(Collectors.toList()));
    }

    @Test
    void applyAndApplyAsyncRunInAWorkerProcess() throws Exception {
        long here = ProcessHandle.current().pid();
        long there = pool.apply(() -> ProcessHandle.current().pid());
        assertThat(there).isNotEqualTo(here);
        assertThat(pool.apply(MapVerbsTest::square, 9)).isEqualTo(81);
        assertThat(pool.applyAsync(MapVerbsTest::square, 5).get()).isEqualTo(25);
        assertThat(pool.applyAsync(() -> "x").get()).isEqualTo("x");
    }
}
