package io.github.mp4j;

/** Python's {@code queue.Full}: a non-blocking or timed {@code put} found the queue full. */
public class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was full, with the values */
    public QueueFullException(String message) {
        super(message);
    }
}
