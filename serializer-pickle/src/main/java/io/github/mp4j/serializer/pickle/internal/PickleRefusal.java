package io.github.mp4j.serializer.pickle.internal;

/**
 * Why a payload was not decoded, thrown inside the unpickler and turned into the api's exceptions (with the
 * payload) by {@link PickleCodec}: a refused global, a global this process has no mapping for, or a malformed or
 * over-limit payload.
 */
final class PickleRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Kind { NOT_ALLOWED, MISSING, MALFORMED }

    private final Kind kind;
    private final String global;

    private PickleRefusal(Kind kind, String global, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.global = global;
    }

    /** The policy refuses the pickle global {@code module.name}. */
    static PickleRefusal notAllowed(String global) {
        return new PickleRefusal(Kind.NOT_ALLOWED, global, "global " + global + " is not allowed");
    }

    /** The policy allows {@code module.name} but nothing in this process maps it to a Java value. */
    static PickleRefusal missing(String global) {
        return new PickleRefusal(Kind.MISSING, global, "no Java mapping for global " + global);
    }

    /** The payload is broken or exceeds a limit; {@code message} states the condition with its values. */
    static PickleRefusal malformed(String message) {
        return new PickleRefusal(Kind.MALFORMED, null, message);
    }

    Kind kind() {
        return kind;
    }

    /** The pickle global ({@code module.name}) for NOT_ALLOWED and MISSING, else null. */
    String global() {
        return global;
    }
}
