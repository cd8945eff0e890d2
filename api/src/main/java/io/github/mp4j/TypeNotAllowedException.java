package io.github.mp4j;

/**
 * A payload names a type that the {@link TypePolicy} refuses. The refusal happens by name, before the class
 * is loaded or initialised. The message is consumed; the connection stays usable.
 */
public class TypeNotAllowedException extends DecodeException {
    private static final long serialVersionUID = 1L;
    private final String typeName;

    /**
     * @param serializer the serializer that decoded the payload
     * @param typeName the binary name of the refused type
     * @param payload the raw payload
     */
    public TypeNotAllowedException(String serializer, String typeName, byte[] payload) {
        super(serializer, "type " + typeName + " is not allowed by the TypePolicy (serializer " + serializer
                + "); allow it with TypePolicy.defaults().allowPackages(...) or allowClasses(...)", payload, null);
        this.typeName = typeName;
    }

    /** The binary name of the refused type. */
    public String typeName() {
        return typeName;
    }
}
