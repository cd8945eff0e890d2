package io.github.mp4j;

import java.io.IOException;

/**
 * The authkey challenge failed: Python's {@code multiprocessing.AuthenticationError}. The connection is closed.
 * Messages use CPython's wording: {@code "digest received was wrong"}, {@code "digest sent was rejected"}.
 */
public class AuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public AuthenticationException(String message) {
        super(message);
    }
}
