package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.queue.QueueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Puts from several threads of one process to an unbounded Redis queue, which share {@code RPUSH} commands when
 * they arrive together: every item arrives once, each thread's items in its order, and each put has returned only
 * after its item was in Redis (the queue holds them all once the puts returned).
 */
@Timeout(120)
class RedisConcurrentPutsTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final int THREADS = 8;
    private static final int EACH = 300;

    @Test
    void concurrentPutsEachArriveOnceInTheirThreadsOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (RedisQueues redis = RedisQueues.connect(REDIS.uri())) {
            Queue<String> q = QueueFactory.builder().serializer("kryo").backend(redis).build().queue();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> putters = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                putters.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        q.put(thread + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : putters) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(q.qsize()).isEqualTo(THREADS * EACH);

            Map<Integer, Integer> next = new HashMap<>();
            for (int n = 0; n < THREADS * EACH; n++) {
                String[] item = q.get(Duration.ofSeconds(30)).split("-");
                int thread = Integer.parseInt(item[0]);
                assertThat(Integer.parseInt(item[1])).as("item of thread %d", thread)
                        .isEqualTo(next.getOrDefault(thread, 0));
                next.put(thread, Integer.parseInt(item[1]) + 1);
            }
            assertThat(next).hasSize(THREADS).allSatisfy((thread, count) -> assertThat(count).isEqualTo(EACH));
            assertThat(q.qsize()).isZero();
            assertThatThrownBy(q::getNowait).isExactlyInstanceOf(QueueEmptyException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
