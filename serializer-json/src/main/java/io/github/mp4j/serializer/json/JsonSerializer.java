package io.github.mp4j.serializer.json;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.json.internal.JsonCodec;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The {@code "json"} serializer: Jackson databind 2.x, writing UTF-8 JSON that a Python program reads with
 * {@code json.loads}.
 *
 * <h2>Payload</h2>
 * Every payload is one JSON object whose first key is fixed (the signature {@link #recognizes} checks):
 * <pre>{"@mp4j":1,"type":"com.example.Order","value":{"id":7,"tags":["java.util.ArrayList",["a","b"]]}}</pre>
 * <ul>
 *   <li>{@code type} is the binary class name of the top-level value (the declaring enum class for enum
 *       constants), or JSON {@code null} with {@code value} null.</li>
 *   <li>Inside {@code value}, every value whose <em>declared</em> type is not final ({@code Object}, interfaces,
 *       abstract and other non-final classes, elements of such collections and arrays) names its class, as
 *       Jackson's default typing {@code NON_FINAL} writes it: objects get a first property
 *       {@code "@class":"com.x.Y"}; arrays, collections and scalars are wrapped as {@code ["com.x.Y", value]}.
 *       The "natural" JSON types {@code String}, {@code Boolean}, {@code Integer} and {@code Double} are never
 *       wrapped. Values whose declared type is final (records, enums, {@code String}, most boxed types) carry no
 *       name.</li>
 *   <li>Objects are written from their fields (any visibility, not {@code transient} or {@code static});
 *       getters and setters are ignored. Records are read through their canonical constructor, other classes
 *       need a no-argument constructor (any visibility). {@code java.time} values are ISO-8601 strings (zoned
 *       values keep their zone id); {@code byte[]} is base64. JSON has no references: shared objects are
 *       written twice and cycles fail at encode. Map keys are JSON strings: a key whose declared type is
 *       {@code Object} (any top-level map) comes back as a {@code String}. Immutable and unmodifiable JDK
 *       collections come back as equal unmodifiable or plain collections. Nesting deeper than 1000 JSON levels is
 *       refused at both ends.</li>
 * </ul>
 *
 * <h2>Type checks</h2>
 * Every type name in a payload &mdash; the envelope's {@code type}, every nested type id, type parameters inside
 * generic ids and {@code Class}-valued fields &mdash; is judged by the {@link TypePolicy} given to
 * {@link #decode} <em>by name, before the class is loaded</em>; allowed classes are loaded without running their
 * static initialisers. A refused name throws {@link io.github.mp4j.TypeNotAllowedException}; an allowed name no
 * class loader knows throws {@link io.github.mp4j.MissingTypeException}. Both carry the payload.
 *
 * <p>mp4j {@code Connection}s and queues cannot be carried: encoding one, at the top level or nested, throws
 * {@link io.github.mp4j.SerializationException}. Instances are thread-safe and cheap to share; Jackson's mapper is
 * built once per distinct {@link TypePolicy} (up to 32 are kept; beyond that the cache starts over). On the module path, packages of
 * application types must be {@code opens} to {@code com.fasterxml.jackson.databind}.
 */
public final class JsonSerializer implements Serializer {
    private final JsonCodec codec = new JsonCodec();

    /** Creates the serializer; {@link java.util.ServiceLoader} calls this. */
    public JsonSerializer() {
    }

    /** Returns {@code "json"}. */
    @Override
    public String name() {
        return JsonCodec.NAME;
    }

    /**
     * Writes {@code value} (which may be null) as one UTF-8 JSON envelope into {@code out}, without flushing or
     * closing {@code out}. On failure {@code out} may have received the start of the envelope.
     *
     * @throws io.github.mp4j.SerializationException naming the type if Jackson cannot write it (for example a
     *         cycle, or an mp4j Connection or queue anywhere inside it)
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out) throws IOException {
        codec.encode(value, out);
    }

    /**
     * Writes {@code value} like {@link #encode(Object, OutputStream)}, asking {@code policy} about the envelope's type
     * and every type id written inside the value: the names a receiver with the same policy judges.
     *
     * @throws io.github.mp4j.TypeNotAllowedException naming the first refused type, with an empty payload
     * @throws io.github.mp4j.SerializationException as {@link #encode(Object, OutputStream)} does
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out, TypePolicy policy) throws IOException {
        codec.encode(value, out, policy);
    }

    /**
     * Reads the envelope in {@code payload[offset, offset+length)}, judging every type it names with
     * {@code policy} before loading it.
     *
     * @throws io.github.mp4j.SerializerMismatchException if the payload is not a json envelope
     * @throws io.github.mp4j.TypeNotAllowedException if the policy refuses a type named in the payload
     * @throws io.github.mp4j.MissingTypeException if a type named in the payload is not in this process
     * @throws io.github.mp4j.DecodeException if the payload is malformed
     */
    @Override
    public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
        return codec.decode(this, payload, offset, length, policy);
    }

    /** Whether the payload is this serializer's envelope: a JSON object starting {@code {"@mp4j": ...}}. */
    @Override
    public boolean recognizes(byte[] payload, int offset, int length) {
        return JsonCodec.recognizes(payload, offset, length);
    }

    @Override
    public String toString() {
        return "JsonSerializer[json]";
    }
}
