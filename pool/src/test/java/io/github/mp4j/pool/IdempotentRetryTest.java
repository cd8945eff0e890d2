package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tasks marked idempotent run again after their worker dies; a poison task fails after maxDeathsPerTask deaths. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IdempotentRetryTest {
    static JvmPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pool = Pools.builder(2).name("Retry").idempotentTasks(true).maxDeathsPerTask(3).build();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void killMinus9MidMapReRunsTheVictimsChunkAndEveryResultArrives() throws Exception {
        String marker = dir.resolve("killed").toString();
        assertThat(pool.map((Integer x) -> Tasks.killOnceThenTimesTen(x, marker), List.of(0, 1, 2, 3, 4, 5, 6, 7), 2))
                .containsExactly(0, 10, 20, 30, 40, 50, 60, 70);
        assertThat(Path.of(marker)).exists(); // a worker really died on the way
    }

    @Test
    void aPoisonTaskFailsAfterThreeDeathsInsteadOfRetryingForEver() throws Exception {
        CompletableFuture<Object> poison = pool.submit(() -> {
            Tasks.killMyself();
            return null;
        });
        assertThatThrownBy(poison::get).cause().isInstanceOf(WorkerDiedException.class)
                .hasMessageMatching("worker Retry-worker-\\d+ \\(pid \\d+\\) died with exit code 137 while running task"
                        + " \\d+ \\(.*\\); 3 workers died running it, so it is not run again");
        assertThat(((WorkerDiedException) poison.handle((v, e) -> e).get()).deaths()).isEqualTo(3);
        assertThat(pool.apply(() -> "alive")).isEqualTo("alive");
    }
}
