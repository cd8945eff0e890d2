package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

/**
 * {@code RedisQueues.Builder.backgroundPuts(true)}: a put returns before its item is in Redis (as Python's
 * {@code multiprocessing.Queue.put} hands it to a feeder thread), puts in a loop share {@code RPUSH}es, the
 * putting process sees its own puts, close sends what waits, and a failed send is reported once with its count.
 * Redis's {@code CLIENT PAUSE ... WRITE} holds every write at the server (reads still answer) until
 * {@code CLIENT UNPAUSE}, which makes "returned before it is in Redis" observable without timing.
 */
@Timeout(120)
class RedisBackgroundPutsTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final int ITEMS = 1000;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void cleanUp() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        REDIS.start(); // a test that killed the server leaves it running again for the next
    }

    /** Background puts; a read timeout longer than the test's pauses, so a paused RPUSH waits instead of failing. */
    private static RedisQueues background() {
        return RedisQueues.builder(REDIS.uri()).backgroundPuts(true).timeout(Duration.ofSeconds(60)).build();
    }

    private static QueueFactory kryo(RedisQueues backend) {
        return QueueFactory.builder().serializer("kryo").backend(backend).build();
    }

    private static Jedis admin() {
        return new Jedis("127.0.0.1", REDIS.port());
    }

    private static long rpushCalls(Jedis admin) {
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_rpush:")) {
                int at = line.indexOf("calls=") + "calls=".length();
                return Long.parseLong(line.substring(at, line.indexOf(',', at)));
            }
        }
        return 0;
    }

    @Test
    void putsReturnBeforeTheirItemsAreInRedisShareRpushesAndKeepTheirOrder() throws Exception {
        try (RedisQueues redis = background(); Jedis admin = admin()) {
            Queue<Integer> q = redis.queue(kryo(redis), "bg-loop", 0);
            long rpushesBefore = rpushCalls(admin);
            admin.clientPause(60_000, ClientPauseMode.WRITE);
            try {
                for (int i = 0; i < ITEMS; i++) {
                    q.put(i); // returns although no write reaches the list while the server is paused
                }
                assertThat(admin.llen("mp4j:{bg-loop}:items")).as("items in Redis while writes are paused")
                        .isZero();
            } finally {
                admin.clientUnpause();
            }
            assertThat(q.qsize()).as("qsize of the putting process counts its own puts").isEqualTo(ITEMS);
            // The first RPUSH left with what waited then and was held at the server; every later put waited behind
            // it and left in the next one.
            assertThat(rpushCalls(admin) - rpushesBefore).as("RPUSH commands for %d puts", ITEMS).isBetween(1L, 2L);
            for (int i = 0; i < ITEMS; i++) {
                assertThat(q.getNowait()).isEqualTo(i);
            }
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    void theProcessGetsItsOwnPutAtOnce() throws Exception {
        try (RedisQueues redis = background()) {
            Queue<String> q = redis.queue(kryo(redis), "bg-own", 0);
            for (int i = 0; i < 200; i++) {
                q.put("item-" + i);
                assertThat(q.getNowait()).as("getNowait right after put %d", i).isEqualTo("item-" + i);
            }
        }
    }

    @Test
    void closingRedisQueuesSendsWhatWaits() throws Exception {
        RedisQueues redis = background();
        Future<?> closing;
        try (Jedis admin = admin()) {
            Queue<Integer> q = redis.queue(kryo(redis), "bg-close", 0);
            admin.clientPause(60_000, ClientPauseMode.WRITE);
            try {
                for (int i = 0; i < ITEMS; i++) {
                    q.put(i);
                }
                closing = threads.submit(redis::close); // waits for the paused RPUSHes, then closes
            } finally {
                admin.clientUnpause();
            }
        }
        closing.get(60, TimeUnit.SECONDS);
        try (RedisQueues reader = RedisQueues.connect(REDIS.uri())) {
            Queue<Integer> q = reader.queue(kryo(reader), "bg-close", 0);
            assertThat(q.qsize()).isEqualTo(ITEMS);
            for (int i = 0; i < ITEMS; i++) {
                assertThat(q.getNowait()).isEqualTo(i);
            }
        }
    }

    @Test
    void aFailedSendIsReportedOnceWithHowManyItemsItCarried() throws Exception {
        try (RedisQueues redis = background()) {
            Queue<String> q = redis.queue(kryo(redis), "bg-fail", 0);
            String name = "redis queue 'bg-fail' at " + REDIS.uri();
            REDIS.kill();
            q.put("lost"); // returns: the item waits for the sender, whose RPUSH then fails
            assertThatThrownBy(q::qsize).isExactlyInstanceOf(QueueBrokenException.class)
                    .hasMessageStartingWith(name + " is unusable: 1 item put in the background were not delivered "
                            + "to Redis (the command carrying them failed; they may or may not be there): ");
            REDIS.start();
            q.put("kept");
            assertThat(q.qsize()).as("the failure was reported once; the restarted server has the new put")
                    .isEqualTo(1);
            assertThat(q.getNowait()).isEqualTo("kept");
        }
    }

    /**
     * Python joins a queue's feeder thread when the process exits; here a shutdown hook sends what waits. The child
     * puts while Redis holds every write (so its feeder's RPUSH cannot finish) and exits the JVM at once, without
     * closing anything: its exit waits in the hook until writes resume, and every item arrives (without the hook it
     * exits with its items unsent). The child is given a few seconds to reach its exit before writes resume; if it
     * is slower, the items arrive all the same.
     */
    @Test
    void aChildThatExitsWithoutClosingSendsWhatItsPutsLeftWaiting(@TempDir Path logs) throws Exception {
        int items = 3000; // fewer than the 4,096 that may wait: no put waits for the paused sender
        try (RedisQueues redis = RedisQueues.connect(REDIS.uri()); Jedis admin = admin()) {
            Queue<Integer> q = redis.queue(kryo(redis), "bg-exit", 0);
            try (JvmProcess p = JvmProcess.builder(RedisChildren::produceInBackgroundAndExit)
                    .args(REDIS.uri(), "bg-exit", items, "bg-exit-go")
                    .redirectError(ProcessBuilder.Redirect.to(logs.resolve("child.err").toFile())).build()) {
                p.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (admin.zcard("mp4j:{bg-exit}:leases") < 2) { // the child opened the queue
                    assertThat(System.nanoTime()).as("the child's lease on the queue").isLessThan(deadline);
                    Thread.sleep(5); // polling with a deadline
                }
                admin.set("bg-exit-go", "1");
                admin.clientPause(60_000, ClientPauseMode.WRITE);
                try {
                    p.join(Duration.ofSeconds(3)); // lets the child reach its exit; the outcome does not matter
                } finally {
                    admin.clientUnpause();
                }
                assertThat(p.join(Duration.ofSeconds(60))).isTrue();
                assertThat(p.exitCode()).hasValue(0);
            }
            assertThat(q.qsize()).isEqualTo(items);
            for (int i = 0; i < items; i++) {
                assertThat(q.getNowait()).isEqualTo(i);
            }
        }
    }
}
