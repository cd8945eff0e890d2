package io.github.mp4j.pipe.internal.jfr;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
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

    /**
     * Fills and commits this event for a frame of {@code bytes} on {@code conn} over {@code channel}, if a recording
     * wants it; names are computed only then.
     */
    public final void emit(Object conn, SocketChannel channel, long bytes) {
        if (shouldCommit()) {
            connection = String.valueOf(conn);
            transport = transportOf(channel);
            payloadBytes = bytes;
            commit();
        }
    }

    private static String transportOf(SocketChannel channel) {
        try {
            return channel.getRemoteAddress() instanceof UnixDomainSocketAddress ? "unix" : "tcp";
        } catch (IOException e) {
            return "closed";
        }
    }
}
