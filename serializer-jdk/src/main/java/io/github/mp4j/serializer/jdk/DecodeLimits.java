package io.github.mp4j.serializer.jdk;

/**
 * Bounds that {@link JdkSerializer} enforces while decoding, through an {@link java.io.ObjectInputFilter}.
 * A payload that exceeds one is refused with a {@link io.github.mp4j.DecodeException} naming the limit.
 *
 * <p>Independently of these numbers, an array (or a collection's backing table) that claims more elements
 * than the payload has bytes is always refused: such a payload is truncated or hostile, and refusing it
 * before allocation keeps a small payload from exhausting the heap.
 *
 * @param maxDepth deepest nesting of objects, e.g. a list inside a record inside a map is depth 3
 * @param maxReferences most objects and back-references in one payload
 * @param maxArrayLength longest array (also the size a collection may pre-allocate while decoding)
 * @param maxStreamBytes most bytes one payload may have
 */
public record DecodeLimits(long maxDepth, long maxReferences, long maxArrayLength, long maxStreamBytes) {
    private static final DecodeLimits DEFAULTS =
            new DecodeLimits(500, 10_000_000, 64L * 1024 * 1024, Integer.MAX_VALUE);

    /**
     * Checks that every limit is positive.
     *
     * @throws IllegalArgumentException naming the first limit that is zero or negative
     */
    public DecodeLimits {
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxReferences", maxReferences);
        requirePositive("maxArrayLength", maxArrayLength);
        requirePositive("maxStreamBytes", maxStreamBytes);
    }

    /**
     * The defaults: depth 500 (nested collections that deep still decode on a thread with the JVM's default
     * 1 MiB stack; deeper ones would overflow it), 10 000 000 references, arrays of 64 Mi elements, and any
     * payload that fits in a Java array (the connection's maximum frame length is the real bound on payload
     * size).
     */
    public static DecodeLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with {@code maxDepth} replaced. */
    public DecodeLimits withMaxDepth(long value) {
        return new DecodeLimits(value, maxReferences, maxArrayLength, maxStreamBytes);
    }

    /** These limits with {@code maxReferences} replaced. */
    public DecodeLimits withMaxReferences(long value) {
        return new DecodeLimits(maxDepth, value, maxArrayLength, maxStreamBytes);
    }

    /** These limits with {@code maxArrayLength} replaced. */
    public DecodeLimits withMaxArrayLength(long value) {
        return new DecodeLimits(maxDepth, maxReferences, value, maxStreamBytes);
    }

    /** These limits with {@code maxStreamBytes} replaced. */
    public DecodeLimits withMaxStreamBytes(long value) {
        return new DecodeLimits(maxDepth, maxReferences, maxArrayLength, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
