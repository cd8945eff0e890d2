package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.queue.QueueFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

/** {@link RedisQueues} itself: URIs, names, attaching by name, leases kept by a live taker, delete. */
@Timeout(60)
class RedisQueuesTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static QueueFactory kryo(RedisQueues redis) {
        return QueueFactory.builder().serializer("kryo").backend(redis).build();
    }

    @Test
    void uriMustBeRedisOrRedissWithAHost() {
        assertThatThrownBy(() -> RedisQueues.connect("http://localhost:6379"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Redis URI starts with redis:// or rediss://, got 'http://localhost:6379/0'");
        assertThatThrownBy(() -> RedisQueues.connect("redis:///0"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Redis URI needs a host, got 'redis://null:6379/0'");
    }

    @Test
    void serverDescriptionLeavesOutUserAndPassword() {
        try (RedisQueues redis = RedisQueues.connect("redis://app:s3cret@127.0.0.1:" + REDIS.port() + "/2")) {
            assertThat(redis.server()).isEqualTo("redis://127.0.0.1:" + REDIS.port() + "/2");
            assertThat(redis.toString()).doesNotContain("s3cret");
        }
    }

    @Test
    void queueNamesWithBracesOrBlanksAreRefused() {
        try (RedisQueues redis = RedisQueues.connect(REDIS.uri())) {
            assertThatThrownBy(() -> redis.queue(kryo(redis), "a{b}", 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a Redis queue name must not contain braces, blanks or control characters, got "
                            + "'a{b}' (character 1)");
            assertThatThrownBy(() -> redis.queue(kryo(redis), "", 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a Redis queue name must have 1 to 200 characters, got 0: ''");
        }
    }

    @Test
    void namedQueueIsSharedAndMustBeAskedForWithTheSameKindBoundAndSerializer() throws Exception {
        try (RedisQueues a = RedisQueues.connect(REDIS.uri()); RedisQueues b = RedisQueues.connect(REDIS.uri())) {
            Queue<String> first = a.queue(kryo(a), "shared", 3);
            Queue<String> second = b.queue(kryo(b), "shared", 3);
            first.put("x");
            assertThat(second.qsize()).isEqualTo(1);
            assertThat(second.get()).isEqualTo("x");
            assertThatThrownBy(() -> b.joinableQueue(kryo(b), "shared", 3))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("redis queue 'shared' at " + REDIS.uri() + " exists as QUEUE with maxsize 3 and "
                            + "serializer kryo; it was asked for as JOINABLE with maxsize 3 and serializer kryo");
            assertThat(a.delete("shared")).isGreaterThanOrEqualTo(2);
            assertThat(a.queue(kryo(a), "shared", 7).maxsize()).isEqualTo(7);
        }
    }

    @Test
    void liveTakerRenewsItsLeaseAndKeepsItsTask() throws Exception {
        try (RedisQueues redis = RedisQueues.builder(REDIS.uri()).lease(Duration.ofMillis(300)).build();
             Jedis raw = new Jedis("127.0.0.1", REDIS.port())) {
            JoinableQueue<String> tasks = kryo(redis).joinableQueue();
            String prefix = "mp4j:{" + RedisQueues.nameOf(tasks) + "}:";
            tasks.put("held");
            assertThat(tasks.get()).isEqualTo("held");
            double firstExpiry = leaseExpiries(raw, prefix).get(0).getScore();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (leaseExpiries(raw, prefix).get(0).getScore() < firstExpiry + 1000) { // renewed past 3 leases
                assertThat(System.nanoTime()).as("waiting for the lease to be renewed").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(redis.tasksRequeued(RedisQueues.nameOf(tasks))).isZero();
            assertThatThrownBy(tasks::getNowait).isExactlyInstanceOf(QueueEmptyException.class);
            assertThat(tasks.join(Duration.ZERO)).isFalse();
            tasks.taskDone();
            assertThat(tasks.join(Duration.ZERO)).isTrue();
        }
    }

    private static List<Tuple> leaseExpiries(Jedis raw, String prefix) {
        List<Tuple> leases = raw.zrangeWithScores(prefix + "leases", 0, -1);
        assertThat(leases).hasSize(1);
        return leases;
    }
}
