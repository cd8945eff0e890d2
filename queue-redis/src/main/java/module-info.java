/**
 * mp4j queues kept in a Redis server, so that processes on many hosts share one {@link io.github.mp4j.Queue},
 * {@link io.github.mp4j.SimpleQueue} or {@link io.github.mp4j.JoinableQueue}: plug
 * {@link io.github.mp4j.queue.redis.RedisQueues} into {@link io.github.mp4j.queue.QueueFactory.Builder#backend}.
 */
module io.github.mp4j.queue.redis {
    requires transitive io.github.mp4j.queue;
    requires redis.clients.jedis;
    requires org.apache.commons.pool2;

    exports io.github.mp4j.queue.redis;
}
