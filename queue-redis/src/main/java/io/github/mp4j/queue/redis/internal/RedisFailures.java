package io.github.mp4j.queue.redis.internal;

import io.github.mp4j.QueueBrokenException;

/** The exceptions Redis queues throw when Redis fails, with messages that name the queue and the server. */
final class RedisFailures {
    private RedisFailures() {
    }

    /** {@code "redis queue 'q' at redis://h:6379/0 is unusable: <cause>"}. */
    static QueueBrokenException broken(String queue, RuntimeException cause) {
        String why = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return new QueueBrokenException(queue + " is unusable: " + why, cause);
    }
}
