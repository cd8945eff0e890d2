package io.github.mp4j.spi;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns objects into payloads that name their type, and back: the role pickle plays in Python.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (see {@link Serializers}) and must be
 * thread-safe: one instance serves every connection and thread of a process.
 *
 * <p>Contract every implementation meets (checked by the serializer contract test suite):
 * <ul>
 *   <li>A payload starts with a signature that {@link #recognizes} accepts, so a peer using another serializer
 *       gets {@link io.github.mp4j.SerializerMismatchException} instead of garbage.</li>
 *   <li>{@link #decode} asks the {@link TypePolicy} about every type named in the payload, top-level and
 *       nested, <em>before</em> loading it; a refused type throws
 *       {@link io.github.mp4j.TypeNotAllowedException} and its static initialiser never runs.</li>
 *   <li>A type that the policy allows but this process cannot load throws
 *       {@link io.github.mp4j.MissingTypeException} naming the type, the serializer and this process
 *       (its constructor without a process argument fills that in).</li>
 *   <li>Decoding failures carry the raw payload; decoding never reads beyond {@code offset + length}.</li>
 * </ul>
 */
public interface Serializer {

    /** The short name used in configuration and error messages, e.g. {@code "jdk"}, {@code "kryo"}. */
    String name();

    /**
     * Writes {@code value} (which may be null) as one payload.
     *
     * @throws io.github.mp4j.SerializationException if the value cannot be encoded; say which type and why
     * @throws IOException only if {@code out} fails
     */
    void encode(Object value, OutputStream out) throws IOException;

    /**
     * Writes {@code value} like {@link #encode(Object, OutputStream)}, after checking that {@code policy} allows
     * every type the payload will name: the same names, top-level and nested, that {@link #decode} asks the policy
     * about on the receiving side. A queue's {@code put} and a connection's {@code send} call this with their own
     * policy, so a value the receiver would refuse fails in the sender instead of in the receiver.
     *
     * <p>The default implementation checks only the top-level type (the element type of an array, the declaring
     * class of an enum constant) and then calls {@link #encode(Object, OutputStream)}; serializers that name nested
     * types override it to check those too. mp4j's own serializers do.
     *
     * @throws io.github.mp4j.TypeNotAllowedException naming the first refused type ({@link
     *         io.github.mp4j.TypeNotAllowedException#typeName()}), with an empty payload; nothing useful has been
     *         written to {@code out}, but part of a payload may have been: encode into a buffer when that matters
     * @throws io.github.mp4j.SerializationException if the value cannot be encoded
     * @throws IOException only if {@code out} fails
     */
    default void encode(Object value, OutputStream out, TypePolicy policy) throws IOException {
        if (value != null) {
            Class<?> type = value instanceof Enum ? ((Enum<?>) value).getDeclaringClass() : value.getClass();
            if (!policy.isAllowed(type.getName())) {
                throw new io.github.mp4j.TypeNotAllowedException(name(), type.getName(), null);
            }
        }
        encode(value, out);
    }

    /**
     * Reads one payload.
     *
     * @throws DecodeException (or a subclass) if the payload cannot be decoded, carrying a copy of the payload
     */
    Object decode(byte[] payload, int offset, int length, TypePolicy policy);

    /** Whether the payload starts with this serializer's signature. Cheap; never decodes. */
    boolean recognizes(byte[] payload, int offset, int length);
}
