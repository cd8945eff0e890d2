package io.github.mp4j.pipe.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event {@code mp4j.FrameReceived}: one frame received on a connection; see {@link FrameEvent#emit}. */
@Name("mp4j.FrameReceived")
@Label("Frame received")
@Description("One length-prefixed frame received on an mp4j connection")
public final class FrameReceivedEvent extends FrameEvent {
}
