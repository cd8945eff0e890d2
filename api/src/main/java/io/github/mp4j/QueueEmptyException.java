package io.github.mp4j;

/** Python's {@code queue.Empty}: a non-blocking or timed {@code get} found the queue empty. */
public class QueueEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was empty, with the values */
    public QueueEmptyException(String message) {
        super(message);
    }
}
