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

    /** A queue as these events name it. */
    public interface Described {
        /**
         * {@code "Queue[queue 3 owned by 1234@host]"}: made once per queue object, since a recording with these
         * events enabled (JFR's default and profile settings) would otherwise build it for every put and get.
         */
        String eventLabel();
    }

    QueueOpEvent() {
    }

    /** Ends the timed call and commits it for {@code q}, if a recording takes it, with {@code how} ("ok", ...). */
    public final void end(Described q, String how) {
        end();
        if (shouldCommit()) {
            queue = q.eventLabel();
            outcome = how;
            commit();
        }
    }
}
