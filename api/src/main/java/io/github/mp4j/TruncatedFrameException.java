package io.github.mp4j;

/**
 * The stream ended inside a frame: the peer died or closed while sending. Distinct from
 * {@link java.io.EOFException}, which means a clean end between frames.
 */
public class TruncatedFrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param expected the bytes the frame (or header) needed
     * @param received the bytes that arrived before the end
     */
    public TruncatedFrameException(long expected, long received) {
        super("stream ended inside a frame: got " + received + " of " + expected + " bytes; the peer died or"
                + " closed while sending");
    }
}
