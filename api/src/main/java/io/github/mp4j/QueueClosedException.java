package io.github.mp4j;

/**
 * The queue was closed by this process: Python's {@code ValueError("Queue ... is closed")}.
 * Items put before {@code close()} are still delivered.
 */
public class QueueClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message which queue, closed where */
    public QueueClosedException(String message) {
        super(message);
    }
}
