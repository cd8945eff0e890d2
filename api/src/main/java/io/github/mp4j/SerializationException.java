package io.github.mp4j;

/**
 * A value could not be encoded, or a payload could not be decoded, by a {@link io.github.mp4j.spi.Serializer}.
 * Thrown by itself when encoding fails (nothing was sent); decoding failures throw {@link DecodeException}.
 */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String serializer;

    /**
     * @param serializer the name of the serializer that failed, e.g. {@code "kryo"}
     * @param message what happened and what to do
     * @param cause the underlying failure, or null
     */
    public SerializationException(String serializer, String message, Throwable cause) {
        super(message, cause);
        this.serializer = serializer;
    }

    /** The name of the serializer that failed, e.g. {@code "jdk"}. */
    public String serializer() {
        return serializer;
    }
}
