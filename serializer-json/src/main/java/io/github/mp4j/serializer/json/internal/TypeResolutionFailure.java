package io.github.mp4j.serializer.json.internal;

/**
 * A type named in a payload was refused by the {@code TypePolicy} or could not be found. Thrown from inside Jackson
 * (type-id resolution, class-valued fields) and found again in the cause chain of whatever Jackson wraps it in, so
 * that {@link JsonCodec} can turn it into the api's {@code TypeNotAllowedException} or
 * {@code MissingTypeException}.
 *
 * <p>It deliberately has no cause: Jackson's {@code TypeFactory.findClass} rethrows the <em>root</em> cause of a
 * failure, so a cause would hide this exception.
 */
public final class TypeResolutionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSE_DEPTH = 64;

    /** Why the type could not be used. */
    public enum Kind {
        /** The policy refused the name; nothing was loaded. */
        REFUSED,
        /** The policy allowed the name but no class loader of this process knows it. */
        MISSING
    }

    private final Kind kind;
    private final String typeName;

    TypeResolutionFailure(Kind kind, String typeName, String detail) {
        super(kind == Kind.REFUSED ? "type " + typeName + " is not allowed by the TypePolicy"
                : "class " + typeName + " not found: " + detail, null, false, false);
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

    /** The first {@code TypeResolutionFailure} in the cause chain of {@code t} (including {@code t}), or null. */
    public static TypeResolutionFailure findIn(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_CAUSE_DEPTH; depth++, c = c.getCause()) {
            if (c instanceof TypeResolutionFailure) {
                return (TypeResolutionFailure) c;
            }
        }
        return null;
    }
}
