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
 *       {@link io.github.mp4j.MissingTypeException} naming the type, the serializer and
 *       {@link LocalProcess#id()}.</li>
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
     * Reads one payload.
     *
     * @throws DecodeException (or a subclass) if the payload cannot be decoded, carrying a copy of the payload
     */
    Object decode(byte[] payload, int offset, int length, TypePolicy policy);

    /** Whether the payload starts with this serializer's signature. Cheap; never decodes. */
    boolean recognizes(byte[] payload, int offset, int length);
}
