/**
 * mp4j queues: {@link io.github.mp4j.Queue}, {@link io.github.mp4j.SimpleQueue} and
 * {@link io.github.mp4j.JoinableQueue} shared by JVM processes, made by {@link io.github.mp4j.queue.QueueFactory}.
 */
@SuppressWarnings("module") // io.github.mp4j.queue.redis is built after this module
module io.github.mp4j.queue {
    requires jdk.jfr;
    requires transitive io.github.mp4j.pipe;
    // No queue class uses process (javadoc links only): transitive for users, so that the README's one line
    // `requires io.github.mp4j.queue` also gives the JvmProcess that queues are handed to.
    requires transitive io.github.mp4j.process;

    exports io.github.mp4j.queue;
    exports io.github.mp4j.queue.spi;
    // The queue views and their backend interface, for backends that keep queues elsewhere (queue-redis).
    exports io.github.mp4j.queue.internal to io.github.mp4j.queue.redis;
    exports io.github.mp4j.queue.internal.share to io.github.mp4j.queue.redis;
}
