package io.github.mp4j.queue.spi;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.queue.QueueFactory;

/**
 * Where a {@link QueueFactory} keeps the queues it makes, when not in the process that makes them: set with
 * {@link QueueFactory.Builder#backend(QueueBackendProvider)}, e.g. {@code backend(RedisQueues.connect(uri))}.
 * The factory hands itself over, so queues made here encode and decode with its serializer and type policy and
 * follow its {@link io.github.mp4j.queue.OnWorkerDeath}. Each call makes a new queue, as Python's
 * {@code Queue()} does. Implementations must be thread-safe.
 */
public interface QueueBackendProvider {

    /** A new {@link SimpleQueue} configured by {@code factory}. */
    <T> SimpleQueue<T> simpleQueue(QueueFactory factory);

    /** A new {@link Queue} holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    <T> Queue<T> queue(QueueFactory factory, int maxsize);

    /** A new {@link JoinableQueue} holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    <T> JoinableQueue<T> joinableQueue(QueueFactory factory, int maxsize);

    /**
     * The {@link SimpleQueue} called {@code name} in this backend (the same queue wherever the name is used), made
     * if absent: what {@link QueueFactory#simpleQueue(String)} returns.
     */
    <T> SimpleQueue<T> simpleQueue(QueueFactory factory, String name);

    /** The {@link Queue} called {@code name}, made with this bound if absent: {@link QueueFactory#queue(String, int)}. */
    <T> Queue<T> queue(QueueFactory factory, String name, int maxsize);

    /** The {@link JoinableQueue} called {@code name}: {@link QueueFactory#joinableQueue(String, int)}. */
    <T> JoinableQueue<T> joinableQueue(QueueFactory factory, String name, int maxsize);
}
