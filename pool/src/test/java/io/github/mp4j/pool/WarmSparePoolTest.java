package io.github.mp4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool with a warm spare replaces a dead worker with the spare, a JVM started before the death. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WarmSparePoolTest {

    @Test
    void aWorkerThatDiesIsReplacedByAWarmSpareStartedBeforeTheDeath() throws Exception {
        try (JvmPool pool = Pools.builder(1).warmSpares(1).jvmOptions("-Dmp4j.test.pool.spare=1").build()) {
            long first = pool.apply(Tasks::pid);
            // the spare is started behind the first worker; wait until it is idle (polling, with a deadline)
            io.github.mp4j.process.JvmProcess.Builder same = io.github.mp4j.process.JvmProcess
                    .builder(args -> { }).daemon(true)
                    .jvmOptions("-XX:+ExitOnOutOfMemoryError", "-Dmp4j.test.pool.spare=1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            while (same.idleSpares() < 1) {
                assertThat(System.nanoTime()).as("spare idle before the deadline").isLessThan(deadline);
                Thread.sleep(20);
            }
            Instant beforeDeath = Instant.now();
            CompletableFuture<Object> dies = pool.submit(() -> {
                Tasks.killMyself();
                return null;
            });
            assertThat(dies).failsWithin(200, TimeUnit.SECONDS);
            long second = pool.apply(Tasks::pid);
            assertThat(second).isNotEqualTo(first);
            Instant started = ProcessHandle.of(second).flatMap(h -> h.info().startInstant()).orElseThrow();
            assertThat(started).isBefore(beforeDeath);
        }
    }
}
