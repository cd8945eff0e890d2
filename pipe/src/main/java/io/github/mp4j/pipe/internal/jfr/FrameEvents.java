package io.github.mp4j.pipe.internal.jfr;

import java.nio.channels.SocketChannel;
import jdk.jfr.FlightRecorder;

/**
 * The frame events' entry point, which touches no {@link jdk.jfr.Event} class until Flight Recorder runs: loading
 * an event class makes the JDK set up its JFR machinery (some 150 classes, tens of ms), which a child JVM must not
 * pay before its first message when nothing records. Once a recording starts (at launch or later through
 * {@code jcmd JFR.start}), {@link FlightRecorder#isInitialized()} turns true and frames are recorded from then on.
 */
public final class FrameEvents {
    private FrameEvents() {
    }

    /** {@link FrameSentEvent} for a frame of {@code bytes} on {@code conn}, if a recording may want it. */
    public static void sent(Object conn, SocketChannel channel, long bytes) {
        if (FlightRecorder.isInitialized()) {
            Emit.sent(conn, channel, bytes);
        }
    }

    /** {@link FrameReceivedEvent} for a frame of {@code bytes} on {@code conn}, if a recording may want it. */
    public static void received(Object conn, SocketChannel channel, long bytes) {
        if (FlightRecorder.isInitialized()) {
            Emit.received(conn, channel, bytes);
        }
    }

    /** Loaded only when called: the event classes stay unloaded while nothing records. */
    private static final class Emit {
        static void sent(Object conn, SocketChannel channel, long bytes) {
            new FrameSentEvent().emit(conn, channel, bytes);
        }

        static void received(Object conn, SocketChannel channel, long bytes) {
            new FrameReceivedEvent().emit(conn, channel, bytes);
        }
    }
}
