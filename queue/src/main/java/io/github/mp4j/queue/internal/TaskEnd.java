package io.github.mp4j.queue.internal;

/** Ways a joinable queue's task ends other than a consumer's {@code taskDone()}; the owner counts each. */
public enum TaskEnd {
    /** The worker holding it ended; the task went back to the front of the queue ({@code OnWorkerDeath.REQUEUE}). */
    REQUEUED,
    /** The worker holding it ended; the task was counted as done ({@code OnWorkerDeath.COUNT_AS_DONE}). */
    COUNTED_AS_DONE,
    /** A consumer's {@code get} could not decode the item; the queue counted its task as done. */
    UNDECODABLE
}
