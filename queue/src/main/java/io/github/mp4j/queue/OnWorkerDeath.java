package io.github.mp4j.queue;

/**
 * What a {@link io.github.mp4j.JoinableQueue}'s owner does with the tasks a consumer process took and did not
 * mark done when that process's connection ends (it died, was killed, or closed the queue): see
 * {@link QueueFactory.Builder#onWorkerDeath(OnWorkerDeath)}. Either way {@code join()} never hangs on a dead worker.
 *
 * <p>The owner cannot tell which of a worker's tasks were finished, only how many: a worker that took {@code t}
 * tasks and called {@code taskDone()} {@code d} times holds the <em>most recently taken</em> {@code t - d}.
 */
public enum OnWorkerDeath {
    /** Put the worker's unfinished tasks back at the front of the queue, in the order they were taken (default). */
    REQUEUE,
    /**
     * Drop the worker's unfinished tasks and count them as done; the owner logs a warning and counts them
     * ({@link QueueFactory#tasksCountedAsDone(io.github.mp4j.JoinableQueue)}).
     */
    COUNT_AS_DONE
}
