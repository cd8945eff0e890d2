package io.github.mp4j.spi;

/**
 * Charges the {@link HashWork} of a java.io serialization stream <em>before</em> it is deserialized: a single pass over
 * the bytes that follows the stream grammar (objects, arrays, strings, enums, class descriptors, block data and
 * back-references), loads no class, and computes the {@link HashWork weight} of every object in stream order. Each
 * element written inside an object whose class (or a superclass) is a hash- or tree-based JDK collection, or an
 * application class with its own {@code readObject}/{@code readExternal} (which may insert into one), is charged
 * with its weight, in the order {@code ObjectInputStream} would insert it. So a payload that would make
 * deserialization hash too much is refused before any of that work happens.
 *
 * <p>A stream this pass cannot follow (truncated, corrupt, nested deeper than {@code maxDepth}) is left to the
 * deserializer, which fails on it at or before the point where this pass stopped, having done no more hashing than
 * was charged. Externalizable data in the old protocol 1 (which has no block framing and so cannot be followed
 * without running the class's code) is refused with {@link Unfollowable}.
 *
 * <p>Stateless; every call is independent.
 */
public final class JavaStreamWork {
    private JavaStreamWork() {
    }

    /** The stream holds something whose cost cannot be known without running class code; refuse it. */
    public static final class Unfollowable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unfollowable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Charges {@code work} for the stream in {@code payload[offset, offset + length)}, which starts with the stream
     * magic {@code AC ED 00 05} and holds one top-level object.
     *
     * @param maxDepth nesting beyond which the pass stops (the deserializer's own depth limit refuses it first)
     * @return the weight of the top-level object, or -1 if the stream could not be followed to its end
     * @throws HashWork.Exceeded as soon as the work charged exceeds the budget
     * @throws Unfollowable if the stream holds protocol-1 externalizable data
     */
    public static long charge(byte[] payload, int offset, int length, HashWork work, long maxDepth) {
        JavaStreamPass pass = new JavaStreamPass(payload, offset, offset + length, work, maxDepth);
        try {
            pass.skip(4);
            return pass.content();
        } catch (JavaStreamPass.Stop | IndexOutOfBoundsException | StackOverflowError e) {
            return -1;
        }
    }
}
