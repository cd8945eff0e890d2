package io.github.mp4j.pipe.internal.jfr;

import io.github.mp4j.internal.Recordings;

/**
 * Where connections report their frames: creates a {@link FrameSentEvent} or {@link FrameReceivedEvent} only once
 * JFR runs in this JVM ({@link Recordings#active()}). Not an event class itself, so a connection that loads it does
 * not set up JFR (which would cost a child JVM's first message hundreds of classes).
 */
public final class FrameEvents {
    private FrameEvents() {
    }

    /** A frame of {@code length} bytes was sent on {@code connection}. */
    public static void sent(FrameEvent.Described connection, long length) {
        if (Recordings.active()) {
            new FrameSentEvent().emit(connection, length);
        }
    }

    /** A frame of {@code length} bytes was received on {@code connection}. */
    public static void received(FrameEvent.Described connection, long length) {
        if (Recordings.active()) {
            new FrameReceivedEvent().emit(connection, length);
        }
    }
}
