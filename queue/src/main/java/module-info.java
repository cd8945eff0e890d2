/**
 * mp4j queues: {@link io.github.mp4j.Queue}, {@link io.github.mp4j.SimpleQueue} and
 * {@link io.github.mp4j.JoinableQueue} shared by JVM processes, made by {@link io.github.mp4j.queue.QueueFactory}.
 */
module io.github.mp4j.queue {
    requires transitive io.github.mp4j.pipe;
    requires transitive io.github.mp4j.process;

    exports io.github.mp4j.queue;
}
