package io.github.mp4j;

/**
 * A received payload could not be decoded. The message it came in is consumed, the connection stays usable,
 * and the raw payload is available from {@link #payload()} (to log it, or to decode it another way).
 */
public class DecodeException extends SerializationException {
    private static final long serialVersionUID = 1L;
    private final byte[] payload;

    /**
     * @param serializer the serializer that failed
     * @param message what happened and what to do
     * @param payload the raw payload; copied
     * @param cause the underlying failure, or null
     */
    public DecodeException(String serializer, String message, byte[] payload, Throwable cause) {
        super(serializer, message, cause);
        this.payload = payload == null ? new byte[0] : payload.clone();
    }

    /** A copy of the raw payload that failed to decode. */
    public byte[] payload() {
        return payload.clone();
    }
}
