package io.github.mp4j.queue;

import io.github.mp4j.queue.redis.RedisQueues;
import io.github.mp4j.queue.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue module's contract suite, unchanged, against queues kept in a real {@code redis-server} (kryo items).
 * Every operation of a Redis queue already goes over the network, so there is no separate "remote" run.
 */
class RedisQueueContractTest extends QueueContract {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static RedisQueues redis;
    private static QueueFactory factory;

    RedisQueueContractTest() {
        super("kryo", false);
    }

    @Override
    QueueFactory factory() {
        if (factory == null) {
            redis = RedisQueues.connect(REDIS.uri());
            factory = QueueFactory.builder().serializer("kryo").backend(redis).build();
        }
        return factory;
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
            redis = null;
            factory = null;
        }
    }
}
