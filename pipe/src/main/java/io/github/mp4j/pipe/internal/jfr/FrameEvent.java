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

    FrameEvent() {
    }

    /** Fills and commits this event for a frame of {@code payloadBytes} on {@code conn}, if a recording wants it. */
    public final void emit(Object conn, String transportName, long bytes) {
        if (shouldCommit()) {
            connection = String.valueOf(conn);
            transport = transportName;
            payloadBytes = bytes;
            commit();
        }
    }
}
