package io.github.mp4j.queue.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * What {@link QueuePutEvent} and {@link QueueGetEvent} record: one {@code put} or {@code get} on a queue, as a
 * duration event whose duration is the time the caller spent in the call, waiting included. Use: {@code begin()}
 * before the call, {@link #end(Object, String)} in a {@code finally}. When no recording wants them this is one
 * check per call.
 */
@Category({"mp4j", "Queues"})
@StackTrace(false)
public abstract class QueueOpEvent extends jdk.jfr.Event {
    @Label("Queue")
    public String queue;

    @Label("Outcome")
    public String outcome;

    QueueOpEvent() {
    }

    /**
     * Ends the timed call and commits it for {@code q} (described by its {@code toString()}, called only when a
     * recording takes the event) with {@code how} ("ok", "timeout", ...).
     */
    public final void end(Object q, String how) {
        end();
        if (shouldCommit()) {
            queue = String.valueOf(q);
            outcome = how;
            commit();
        }
    }
}
