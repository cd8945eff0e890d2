package io.github.mp4j;

import java.io.IOException;

/** An operation was attempted on a {@link Connection} that this process has closed. */
public class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message {@code "connection is closed"}. */
    public ConnectionClosedException() {
        super("connection is closed");
    }

    /** @param message what was closed */
    public ConnectionClosedException(String message) {
        super(message);
    }
}
