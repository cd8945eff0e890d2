package io.github.mp4j.queue.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event {@code mp4j.QueueGet}: one {@code get} call and how long it waited; see {@link QueueOpEvent}. */
@Name("mp4j.QueueGet")
@Label("Queue get")
@Description("One get on an mp4j queue; its duration is the time the caller waited")
public final class QueueGetEvent extends QueueOpEvent {
}
