package io.github.mp4j.pipe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * What {@link FrameSentEvent} and {@link FrameReceivedEvent} record: one frame on one connection. Instant events
 * without stack traces, so a recording of a busy connection stays small. When no recording wants them, {@link
 * #emit} costs one check (and the JIT removes the allocation).
 */
@Category({"mp4j", "Frames"})
@StackTrace(false)
public abstract class FrameEvent extends jdk.jfr.Event {
    @Label("Connection")
    public String connection;

    @Label("Transport")
    public String transport;

    @Label("Payload size")
    @DataAmount
    public long payloadBytes;

    /** A connection as frame events describe it. */
    public interface Described {
        /** What carries the connection's bytes: {@code "unix"}, {@code "tcp"}, {@code "closed"}, ... */
        String transportName();

        /**
         * The connection's name in events, {@code "RingConnection[peer]"}: made once per connection, since a
         * recording with these events enabled (JFR's default and profile settings) would otherwise build it for
         * every frame.
         */
        String eventLabel();
    }

    FrameEvent() {
    }

    /**
     * Fills and commits this event for a frame of {@code bytes} on {@code conn}, if a recording wants it; names
     * are computed only then.
     */
    public final void emit(Described conn, long bytes) {
        if (shouldCommit()) {
            connection = conn.eventLabel();
            transport = conn.transportName();
            payloadBytes = bytes;
            commit();
        }
    }
}
