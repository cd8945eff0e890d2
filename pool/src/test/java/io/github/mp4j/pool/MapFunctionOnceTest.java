package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map's function travels once to each worker, not once per chunk, yet every chunk runs it; chunk elements travel
 * with the pool's serializer; a chunk re-run on a fresh worker gets the function there.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MapFunctionOnceTest {
    @TempDir
    Path dir;

    /** Squares; counts in each JVM how many times an instance was deserialized there. */
    static final class CountingSquare implements SerializableFunction<Integer, Integer> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger DECODED = new AtomicInteger();

        @Override
        public Integer apply(Integer x) {
            return x * x;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DECODED.incrementAndGet();
        }
    }

    /** A function no worker can decode. */
    static final class Undecodable implements SerializableFunction<Integer, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer apply(Integer x) {
            return x;
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("no decoding here");
        }
    }

    /** An element that is not java.io.Serializable: only a serializer such as Kryo can carry it. */
    public static final class PlainBox {
        public int value;

        public PlainBox() {
        }

        PlainBox(int value) {
            this.value = value;
        }
    }

    @Test
    void aMapOfTenChunksDecodesItsFunctionOnceInTheWorkerAndAppliesItToEveryChunk() throws Exception {
        try (JvmPool pool = Pools.builder(1).build()) {
            List<Integer> input = IntStream.range(0, 10).boxed().collect(Collectors.toList());
            assertThat(pool.map(new CountingSquare(), input, 1))
                    .isEqualTo(input.stream().map(x -> x * x).collect(Collectors.toList()));
            assertThat(pool.apply(() -> CountingSquare.DECODED.get())).isEqualTo(1);
            assertThat(pool.starmap((Integer a, Integer b) -> a + b, List.of(Map.entry(1, 2), Map.entry(3, 4)), 1))
                    .containsExactly(3, 7);
            assertThat(pool.map(new CountingSquare(), List.of(5, 6), 1)).containsExactly(25, 36); // a second map
            assertThat(pool.apply(() -> CountingSquare.DECODED.get())).isEqualTo(2);
        }
    }

    @Test
    void aFunctionTheWorkerCannotDecodeFailsTheMapWithTheWorkersError() throws Exception {
        try (JvmPool pool = Pools.builder(1).name("Undecodable").build()) {
            assertThatThrownBy(() -> pool.map(new Undecodable(), List.of(1, 2, 3), 1))
                    .isInstanceOf(RemoteTaskException.class)
                    .hasMessageMatching("java\\.io\\.InvalidObjectException: no decoding here"
                            + " \\[in worker Undecodable-worker-1, pid \\d+\\]");
            assertThat(pool.map((Integer x) -> x + 1, List.of(1, 2))).containsExactly(2, 3); // the pool goes on
        }
    }

    @Test
    void chunkElementsTravelWithThePoolsSerializerSoKryoCarriesNonSerializableElements() throws Exception {
        QueueFactory kryo = QueueFactory.builder().serializer("kryo")
                .typePolicy(TypePolicy.defaults().allowPackages("io.github.mp4j.pool")).build();
        try (JvmPool pool = JvmPool.builder(kryo).workers(1).build()) {
            assertThat(pool.map((PlainBox b) -> b.value * 2, List.of(new PlainBox(1), new PlainBox(2)), 1))
                    .containsExactly(2, 4);
        }
    }

    @Test
    void elementsAndResultsKeepTheirTypesWhetherTheyTravelPackedOrSerialized() throws Exception {
        try (JvmPool pool = Pools.builder(1).build()) {
            assertThat(pool.map((Object x) -> x, List.<Object>of(1, 2), 1)).containsExactly(1, 2)
                    .allMatch(x -> x instanceof Integer);
            assertThat(pool.map((Object x) -> x, List.<Object>of(1, 2L, "s", 1.5), 4)).containsExactly(1, 2L, "s", 1.5);
            assertThat(pool.map((Integer x) -> x * 0.5, List.of(1, 2, 3), 3)).containsExactly(0.5, 1.0, 1.5);
            assertThat(pool.map((Long x) -> x == 2L ? null : x, List.of(1L, 2L), 2)).containsExactly(1L, null);
        }
    }

    @Test
    void chunksReRunOnAReplacementWorkerGetTheFunctionThere() throws Exception {
        String marker = dir.resolve("killed").toString();
        try (JvmPool pool = Pools.builder(1).name("Replaced").idempotentTasks(true).build()) {
            long before = pool.apply(Tasks::pid);
            assertThat(pool.map((Integer x) -> Tasks.killOnceThenTimesTen(x, marker), List.of(0, 1, 2, 3, 4, 5, 6, 7),
                    2)).containsExactly(0, 10, 20, 30, 40, 50, 60, 70);
            assertThat(Path.of(marker)).exists();
            assertThat(pool.apply(Tasks::pid)).isNotEqualTo(before); // the only worker was replaced
        }
    }
}
