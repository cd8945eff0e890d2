package io.github.mp4j.serializer.json.internal;

/**
 * Finds the name of a class this process lacks in the JVM's own failures: a class named in the payload is found
 * by {@link TypeGate}, but a class that an allowed class <em>declares</em> (a field of type {@code Customer} in
 * {@code Order}) fails while Jackson inspects the allowed class, as {@link NoClassDefFoundError} or
 * {@link TypeNotPresentException}.
 */
final class MissingClasses {
    private static final int MAX_CAUSE_DEPTH = 64;

    private MissingClasses() {
    }

    /** The binary name of the missing class reported somewhere in the cause chain of {@code t}, or null. */
    static String nameIn(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_CAUSE_DEPTH; depth++, c = c.getCause()) {
            if (c instanceof TypeNotPresentException) {
                return ((TypeNotPresentException) c).typeName();
            }
            if ((c instanceof NoClassDefFoundError || c instanceof ClassNotFoundException)
                    && looksLikeClassName(c.getMessage())) {
                return c.getMessage().replace('/', '.');
            }
        }
        return null;
    }

    private static boolean looksLikeClassName(String message) {
        return message != null && !message.isEmpty() && message.indexOf(' ') < 0;
    }
}
