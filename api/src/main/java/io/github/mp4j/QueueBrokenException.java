package io.github.mp4j;

/**
 * The queue can no longer be used from this process: its owner died, closed it, or the connection to it
 * broke. Every waiter gets this instead of hanging (CPython gh-87971).
 */
public class QueueBrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what broke and what to do
     * @param cause the underlying failure, or null
     */
    public QueueBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
