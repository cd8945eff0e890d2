package io.github.mp4j;

import java.io.IOException;

/**
 * The peer broke the wire protocol (a malformed frame header, a bad handshake). The connection that saw it is
 * closed; other connections are not affected.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, with the values */
    public ProtocolException(String message) {
        super(message);
    }
}
