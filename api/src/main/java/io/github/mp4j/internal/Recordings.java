package io.github.mp4j.internal;

import jdk.jfr.FlightRecorder;

/**
 * Whether mp4j's JFR events are worth creating in this JVM. The first JFR event class a JVM loads sets up JFR's
 * metadata (some 300 classes, tens to hundreds of milliseconds) even when no recording will ever run, so mp4j creates
 * its per-message events only once JFR has been started here: by {@code -XX:StartFlightRecording}, {@code jcmd <pid>
 * JFR.start}, or a {@code Recording}/{@code RecordingStream} made in code. Events of operations that begin before
 * then are not recorded (no recording could have taken them). Internal: mp4j's own modules read it.
 */
public final class Recordings {
    private Recordings() {
    }

    /** True once JFR has been started in this JVM; one volatile read, and it loads no JFR event class. */
    public static boolean active() {
        return FlightRecorder.isInitialized();
    }
}
