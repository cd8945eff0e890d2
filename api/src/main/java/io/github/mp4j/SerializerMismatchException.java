package io.github.mp4j;

/**
 * The payload was written by a different serializer than the one this end decodes with: the two ends of a
 * connection or queue were configured differently.
 */
public class SerializerMismatchException extends DecodeException {
    private static final long serialVersionUID = 1L;
    private final String writtenBy;

    /**
     * @param serializer the serializer this end decodes with
     * @param writtenBy the serializer that wrote the payload, or {@code "unknown"}
     * @param payload the raw payload
     */
    public SerializerMismatchException(String serializer, String writtenBy, byte[] payload) {
        super(serializer, "payload was written by serializer '" + writtenBy + "' but this end decodes with '"
                + serializer + "': configure both ends with the same serializer", payload, null);
        this.writtenBy = writtenBy;
    }

    /** The serializer that wrote the payload, or {@code "unknown"} if no installed serializer recognises it. */
    public String writtenBy() {
        return writtenBy;
    }
}
