package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * What Redis queues do when Redis fails: unreachable, killed with {@code kill -9} and restarted (with
 * {@code appendfsync always}), or holding a value the serializer cannot decode.
 */
@Timeout(120)
class RedisFailuresTest {
    @RegisterExtension
    static final RedisServer REDIS = RedisServer.withAof();
    private static final Duration LONG = Duration.ofSeconds(60);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private RedisQueues redis;

    @AfterEach
    void cleanUp() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        if (redis != null) {
            redis.close();
        }
        REDIS.start(); // a test that killed the server leaves it running again for the next
    }

    private QueueFactory kryo(RedisQueues backend) {
        return QueueFactory.builder().serializer("kryo").backend(backend).build();
    }

    private static String server(int port) {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Test
    void unreachableServerFailsWithQueueBrokenExceptionNamingQueueAndServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        redis = RedisQueues.builder(server(port)).retry(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> redis.queue(kryo(redis), "jobs", 0))
                .isExactlyInstanceOf(QueueBrokenException.class)
                .hasMessageStartingWith("redis queue 'jobs' at " + server(port) + " is unusable: ");
        assertThatThrownBy(() -> kryo(redis).queue())
                .isExactlyInstanceOf(QueueBrokenException.class)
                .hasMessageContaining("' at " + server(port) + " is unusable: ");
    }

    @Test
    void waitersGetQueueBrokenExceptionWhenRedisIsKilledAndQueuesWorkAgainAfterRestart() throws Exception {
        redis = RedisQueues.connect(REDIS.uri());
        Queue<String> q = kryo(redis).queue(1);
        q.put("filler");
        Queue<String> empty = kryo(redis).queue();
        Future<String> get = threads.submit(() -> empty.get());
        Future<String> timedGet = threads.submit(() -> empty.get(Duration.ofHours(1)));
        Future<?> put = threads.submit(() -> {
            q.put("blocked");
            return null;
        });
        awaitWaiting(empty, q);

        REDIS.kill();
        for (Future<?> waiter : java.util.List.of(get, timedGet, put)) {
            assertThatThrownBy(() -> waiter.get(60, TimeUnit.SECONDS)).cause()
                    .isExactlyInstanceOf(QueueBrokenException.class)
                    .hasMessageStartingWith("redis queue '")
                    .hasMessageContaining(" at " + REDIS.uri() + " is unusable: ");
        }
        assertThatThrownBy(q::qsize).isExactlyInstanceOf(QueueBrokenException.class);

        REDIS.start();
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get(LONG)).isEqualTo("filler");
        empty.put("after restart");
        assertThat(empty.get(LONG)).isEqualTo("after restart");
    }

    @Test
    void consumerJvmBlockedInGetGetsQueueBrokenExceptionWhenRedisIsKilledAndItemsSurviveTheRestart()
            throws Exception {
        redis = RedisQueues.connect(REDIS.uri());
        Queue<Integer> empty = kryo(redis).queue();
        Queue<Integer> kept = kryo(redis).queue();
        kept.put(1);
        kept.put(2);
        JvmProcess child = JvmProcess.builder(RedisChildren::getAndPrint).args(REDIS.uri(), empty)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).build();
        try {
            child.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("waiting");
            REDIS.kill();
            assertThat(out.readLine()).startsWith("io.github.mp4j.QueueBrokenException: redis queue '"
                    + RedisQueues.nameOf(empty) + "' at " + REDIS.uri() + " is unusable: ");
            assertThat(child.join(LONG)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
        } finally {
            child.close();
        }
        REDIS.start();
        assertThat(kept.qsize()).isEqualTo(2);
        assertThat(kept.get(LONG)).isEqualTo(1);
        assertThat(kept.get(LONG)).isEqualTo(2);
    }

    @Test
    void withAppendfsyncAlwaysNoReturnedPutIsLostWhenRedisIsKilled() throws Exception {
        redis = RedisQueues.connect(REDIS.uri());
        Queue<Integer> q = kryo(redis).queue();
        for (int i = 0; i < 500; i++) {
            q.put(i);
        }
        REDIS.kill();
        REDIS.start();
        assertThat(q.qsize()).isEqualTo(500);
        for (int i = 0; i < 500; i++) {
            assertThat(q.getNowait()).isEqualTo(i);
        }
        assertThat(q.empty()).isTrue();
    }

    @Test
    void corruptValueFailsThatGetWithDecodeExceptionAndLosesNothingElse() throws Exception {
        redis = RedisQueues.connect(REDIS.uri());
        Queue<String> q = kryo(redis).queue();
        q.put("before");
        byte[] garbage = "not a kryo payload".getBytes(StandardCharsets.UTF_8);
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            j.rpush(("mp4j:{" + RedisQueues.nameOf(q) + "}:items").getBytes(StandardCharsets.UTF_8), garbage);
        }
        q.put("after");
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(q.get()).isEqualTo("before");
        assertThatThrownBy(q::get).isInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).payload()).isEqualTo(garbage));
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("after");
        assertThat(q.qsize()).isZero();
    }

    @Test
    void corruptTaskIsFinishedByTheFailedGet() throws Exception {
        redis = RedisQueues.connect(REDIS.uri());
        JoinableQueue<String> q = kryo(redis).joinableQueue();
        q.put("real");
        String prefix = "mp4j:{" + RedisQueues.nameOf(q) + "}:";
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            j.lpush((prefix + "items").getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
            j.incr(prefix + "unfinished"); // a foreign producer counts its task, as the README says
        }
        assertThatThrownBy(q::get).isInstanceOf(DecodeException.class);
        assertThat(q.get()).isEqualTo("real");
        assertThat(q.join(Duration.ZERO)).isFalse();
        q.taskDone();
        assertThat(q.join(LONG)).isTrue();
    }

    /** Waits until the get and put threads wait on Redis: blocked clients seen by the server (bounded poll). */
    private static void awaitWaiting(Queue<?>... queues) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            while (blockedClients(j) < 3) {
                assertThat(System.nanoTime()).as("waiting for 3 blocked clients").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    private static long blockedClients(Jedis j) {
        for (String line : j.info("clients").split("\r\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()).trim());
            }
        }
        return 0;
    }
}
