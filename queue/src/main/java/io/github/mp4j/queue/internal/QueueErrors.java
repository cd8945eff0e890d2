package io.github.mp4j.queue.internal;

import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.QueueClosedException;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.QueueFullException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.internal.LocalProcess;
import java.time.Duration;

/** The exceptions queues throw, with messages that name the queue, its owner and the values involved. */
public final class QueueErrors {
    /** The message of the {@link IllegalStateException} for one {@code taskDone()} too many (CPython's). */
    public static final String TOO_MANY_TASK_DONE = "taskDone() called too many times";

    private QueueErrors() {
    }

    /** {@code "queue 3 owned by 1234@host"}, or {@code "queue \"orders\" owned by 1234@host"} for a named one. */
    public static String describe(int queueId, String name, String owner) {
        return (name == null ? "queue " + queueId : "queue \"" + name + "\"") + " owned by " + owner;
    }

    public static QueueClosedException closed(String queue) {
        return new QueueClosedException("Queue is closed: " + queue + " was closed in process "
                + LocalProcess.id() + "; put/get are no longer allowed there");
    }

    public static QueueFullException full(String queue, int maxsize, long nanos) {
        return new QueueFullException(queue + " is full (maxsize " + maxsize + ")" + waited(nanos));
    }

    public static QueueEmptyException empty(String queue, long nanos) {
        return new QueueEmptyException(queue + " is empty" + waited(nanos));
    }

    public static QueueBrokenException broken(String queue, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return new QueueBrokenException(queue + " is gone: " + why
                + "; the owner process must outlive every use of its queues", cause);
    }

    /** The longest description of an undecodable item that an owner logs (it comes from another process). */
    static final int MAX_UNDECODABLE_TEXT = 300;

    /**
     * What went wrong decoding an item, for the owner's log: the type the payload names where the exception knows
     * it ({@code "type x.Evil (TypeNotAllowedException)"}), else the exception and its message.
     */
    public static String undecodable(DecodeException e) {
        String text;
        if (e instanceof TypeNotAllowedException) {
            text = "type " + ((TypeNotAllowedException) e).typeName() + " (TypeNotAllowedException)";
        } else if (e instanceof MissingTypeException) {
            text = "type " + ((MissingTypeException) e).typeName() + " (MissingTypeException)";
        } else {
            text = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return printable(text);
    }

    /** {@code text} cut to {@link #MAX_UNDECODABLE_TEXT} characters, control characters replaced by '?'. */
    public static String printable(String text) {
        String cut = text.length() > MAX_UNDECODABLE_TEXT ? text.substring(0, MAX_UNDECODABLE_TEXT) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    public static IllegalStateException tooManyTaskDone() {
        return new IllegalStateException(TOO_MANY_TASK_DONE);
    }

    private static String waited(long nanos) {
        return nanos > 0 && nanos != Deadline.NONE ? " after waiting " + Duration.ofNanos(nanos) : "";
    }
}
