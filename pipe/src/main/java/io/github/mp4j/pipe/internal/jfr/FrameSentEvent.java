package io.github.mp4j.pipe.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event {@code mp4j.FrameSent}: one frame sent on a connection; see {@link FrameEvent#emit}. */
@Name("mp4j.FrameSent")
@Label("Frame sent")
@Description("One length-prefixed frame sent on an mp4j connection")
public final class FrameSentEvent extends FrameEvent {
}
