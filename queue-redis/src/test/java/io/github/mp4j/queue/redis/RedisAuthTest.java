package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.queue.QueueFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** The URI's password and database reach Redis; a wrong password fails with QueueBrokenException. */
@Timeout(60)
class RedisAuthTest {
    @RegisterExtension
    static final RedisServer REDIS = RedisServer.withPassword("s3cret");

    @Test
    void passwordAndDatabaseFromTheUriAreUsed() throws Exception {
        String uri = "redis://:s3cret@127.0.0.1:" + REDIS.port() + "/3";
        try (RedisQueues redis = RedisQueues.connect(uri)) {
            Queue<String> q = redis.queue(QueueFactory.builder().serializer("kryo").backend(redis).build(),
                    "in-db-3", 0);
            q.put("x");
            try (Jedis raw = new Jedis("127.0.0.1", REDIS.port())) {
                raw.auth("s3cret");
                raw.select(3);
                assertThat(raw.llen("mp4j:{in-db-3}:items")).isEqualTo(1);
                raw.select(0);
                assertThat(raw.exists("mp4j:{in-db-3}:items")).isFalse();
            }
            assertThat(q.get()).isEqualTo("x");
        }
    }

    @Test
    void wrongPasswordFailsWithQueueBrokenException() {
        String server = "redis://127.0.0.1:" + REDIS.port() + "/0";
        try (RedisQueues redis = RedisQueues.connect("redis://:wrong@127.0.0.1:" + REDIS.port() + "/0")) {
            assertThatThrownBy(() -> redis.queue(QueueFactory.builder().serializer("kryo").backend(redis).build(),
                    "jobs", 0)).isExactlyInstanceOf(QueueBrokenException.class)
                    .hasMessageStartingWith("redis queue 'jobs' at " + server + " is unusable: ")
                    .hasMessageContaining("WRONGPASS");
        }
    }
}
