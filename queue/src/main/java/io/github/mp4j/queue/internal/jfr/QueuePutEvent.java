package io.github.mp4j.queue.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event {@code mp4j.QueuePut}: one {@code put} call and how long it waited; see {@link QueueOpEvent}. */
@Name("mp4j.QueuePut")
@Label("Queue put")
@Description("One put on an mp4j queue; its duration is the time the caller waited")
public final class QueuePutEvent extends QueueOpEvent {
}
