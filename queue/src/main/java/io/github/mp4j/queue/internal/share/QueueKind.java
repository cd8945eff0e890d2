package io.github.mp4j.queue.internal.share;

/** Which interface a queue offers; travels in handles so the receiving process builds the same view. */
public enum QueueKind {
    /** {@link io.github.mp4j.SimpleQueue}: unbounded, put/get/empty/close. */
    SIMPLE,
    /** {@link io.github.mp4j.Queue}. */
    QUEUE,
    /** {@link io.github.mp4j.JoinableQueue}: counts unfinished tasks. */
    JOINABLE
}
