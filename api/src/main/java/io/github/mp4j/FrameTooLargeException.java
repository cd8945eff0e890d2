package io.github.mp4j;

/**
 * A frame header announced more bytes than the configured maximum; refused before any allocation. The
 * connection is closed because the rest of the stream cannot be trusted.
 */
public class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final long length;
    private final long maxFrameLength;

    /**
     * @param length the announced length
     * @param maxFrameLength the configured maximum
     */
    public FrameTooLargeException(long length, long maxFrameLength) {
        super("frame length " + length + " exceeds maxFrameLength=" + maxFrameLength
                + "; raise it in the configuration on both ends if such frames are expected");
        this.length = length;
        this.maxFrameLength = maxFrameLength;
    }

    /** The length the header announced. */
    public long length() {
        return length;
    }

    /** The configured maximum. */
    public long maxFrameLength() {
        return maxFrameLength;
    }
}
