package io.github.mp4j;

import java.io.IOException;

/**
 * {@link Connection#recvBytesInto(byte[], int)} was given a buffer too small for the frame: Python's
 * {@code multiprocessing.BufferTooShort}. The frame is consumed; its bytes are in {@link #message()}.
 */
public class BufferTooShortException extends IOException {
    private static final long serialVersionUID = 1L;
    private final byte[] message;

    /**
     * @param message the whole frame that did not fit (not copied)
     * @param room the number of bytes the buffer had after the offset
     */
    public BufferTooShortException(byte[] message, int room) {
        super("buffer too short: message of " + message.length + " bytes, room for " + room);
        this.message = message;
    }

    /** The whole frame that did not fit. */
    public byte[] message() {
        return message;
    }
}
