package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.KryoException;

/**
 * Raised inside Kryo when a payload names a type that the policy refuses or that this process cannot load.
 * Kryo may wrap it on the way out; {@link PolicyClassResolver#failure()} keeps the first one of a decode call
 * so the serializer can report it exactly. The JSON serializer names the same concept the same way.
 */
public final class TypeResolutionFailure extends KryoException {
    private static final long serialVersionUID = 1L;

    /** Why the type could not be used. */
    public enum Kind {
        /** The {@link io.github.mp4j.TypePolicy} refused the name; the class was never loaded. */
        REFUSED,
        /** The policy allowed the name but no class loader of this process has the class. */
        MISSING
    }

    private final Kind kind;
    private final String typeName;

    TypeResolutionFailure(Kind kind, String typeName, Throwable cause) {
        super((kind == Kind.REFUSED ? "type not allowed by the TypePolicy: " : "class not found: ") + typeName,
                cause);
        this.kind = kind;
        this.typeName = typeName;
    }

    /** Whether the type was refused or missing. */
    public Kind kind() {
        return kind;
    }

    /** The binary name of the type, as written in the payload. */
    public String typeName() {
        return typeName;
    }
}
