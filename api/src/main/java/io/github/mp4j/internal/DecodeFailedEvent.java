package io.github.mp4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code mp4j.DecodeFailed}: one received payload could not be decoded (refused or missing type, corrupt
 * or over-limit data). Committed where the {@link io.github.mp4j.DecodeException} is made, so every serializer and
 * every path (connection, queue, hand-over) reports it. Costs one allocation-free check when no recording runs.
 */
@Name("mp4j.DecodeFailed")
@Label("Decode failed")
@Category("mp4j")
@Description("A received payload could not be decoded; the message was consumed and the connection stays usable")
@StackTrace(false)
public final class DecodeFailedEvent extends jdk.jfr.Event {
    @Label("Serializer")
    public String serializer;

    @Label("Type")
    @Description("The refused or missing type, when the failure names one")
    public String typeName;

    @Label("Payload size")
    @jdk.jfr.DataAmount
    public long payloadBytes;

    @Label("Message")
    public String message;

    /** Commits one event when a recording wants it. */
    public static void emit(String serializer, String typeName, int payloadBytes, String message) {
        DecodeFailedEvent e = new DecodeFailedEvent();
        if (e.shouldCommit()) {
            e.serializer = serializer;
            e.typeName = typeName;
            e.payloadBytes = payloadBytes;
            e.message = message;
            e.commit();
        }
    }
}
