package io.github.mp4j;

import io.github.mp4j.internal.LocalProcess;

/**
 * A payload names a type that this process cannot load: the Java echo of pickle's
 * {@code Can't get attribute 'Foo' on <module '__main__'>}. Usually the receiving process runs with a class
 * path that lacks the sender's class. The message is consumed; the connection stays usable.
 *
 * <p>{@link #typeName()} follows the convention of {@link TypeNotAllowedException#typeName()}: for an array, the
 * binary name of its element type.
 */
public class MissingTypeException extends DecodeException {
    private static final long serialVersionUID = 1L;
    private final String typeName;
    private final String process;

    /**
     * @param serializer the serializer that decoded the payload
     * @param typeName the binary name of the missing type, e.g. {@code com.example.Order}
     * @param process the receiving process as {@code pid@host}
     * @param payload the raw payload
     * @param cause the underlying failure, or null
     */
    public MissingTypeException(String serializer, String typeName, String process, byte[] payload,
                                Throwable cause) {
        super(serializer, "Can't find class " + TypePolicy.judgedName(typeName) + " in process " + process + " (serializer "
                + serializer + "): add it to this process's class path", payload, cause);
        this.typeName = TypePolicy.judgedName(typeName);
        this.process = process;
    }

    /**
     * The type is missing in this process (the one decoding): {@link #process()} is this process's
     * {@code pid@host}. What a {@link io.github.mp4j.spi.Serializer} uses.
     *
     * @param serializer the serializer that decoded the payload
     * @param typeName the binary name of the missing type, e.g. {@code com.example.Order}
     * @param payload the raw payload
     * @param cause the underlying failure, or null
     */
    public MissingTypeException(String serializer, String typeName, byte[] payload, Throwable cause) {
        this(serializer, typeName, LocalProcess.id(), payload, cause);
    }

    /** The binary name of the type that could not be loaded; for an array, of its element type. */
    public String typeName() {
        return typeName;
    }

    /** The process that could not load it, as {@code pid@host}. */
    public String process() {
        return process;
    }
}
