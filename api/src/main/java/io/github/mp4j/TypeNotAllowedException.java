package io.github.mp4j;

/**
 * A payload names a type that the {@link TypePolicy} refuses. The refusal happens by name, before the class
 * is loaded or initialised. The message is consumed; the connection stays usable.
 *
 * <p>Also thrown by a queue's {@code put} and a connection's {@code send} when the sender's own policy refuses a
 * type the value would name (see {@link io.github.mp4j.spi.Serializer#encode(Object, java.io.OutputStream,
 * TypePolicy)}); then nothing was sent and {@link #payload()} is empty.
 *
 * <p>{@link #typeName()} follows one convention for every serializer: the binary name of the type the policy
 * judged, which for an array is its element type ({@code com.x.Evil} for {@code com.x.Evil[]}, whether the payload
 * wrote {@code "[Lcom.x.Evil;"} or anything else).
 */
public class TypeNotAllowedException extends DecodeException {
    private static final long serialVersionUID = 1L;
    private final String typeName;

    /**
     * @param serializer the serializer that decoded the payload
     * @param typeName the binary name of the refused type; an array name is reported as its element type
     * @param payload the raw payload
     */
    public TypeNotAllowedException(String serializer, String typeName, byte[] payload) {
        super(serializer, "type " + TypePolicy.judgedName(typeName) + " is not allowed by the TypePolicy (serializer " + serializer
                + "); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)", payload, null);
        this.typeName = TypePolicy.judgedName(typeName);
    }

    /** The binary name of the refused type; for an array, of its element type ({@code com.x.Evil}). */
    public String typeName() {
        return typeName;
    }
}
