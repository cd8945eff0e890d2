package io.github.mp4j.pipe.internal;

/**
 * Where {@link AbstractConnection#receiveLent} may put a frame's payload instead of a new array: a pool of arrays
 * its caller reuses. Called by the receiving thread with the connection's read lock held, after the frame's length
 * was checked against {@code maxFrameLength}.
 */
public interface PayloadArrays {
    /**
     * An array of at least {@code length} bytes that the payload may fill from index 0, or null to receive it into a
     * new array as {@link io.github.mp4j.Connection#recvBytes()} does. Return only an array that already exists: a
     * new one sized by a declared length would break the rule that memory follows the bytes that arrived.
     */
    byte[] lend(int length);

    /** A received payload: its first {@code length} bytes of {@code array} (longer when it was lent). */
    record Received(byte[] array, int length) {
    }
}
