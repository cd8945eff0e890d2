package io.github.mp4j.serializer.json.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads the json serializer's envelope {@code {"@mp4j":1,"type":"<class>","value":<value>}} and turns
 * Jackson's failures into the api's exceptions. Thread-safe.
 */
public final class JsonCodec {
    /** The serializer's name. */
    public static final String NAME = "json";
    /** The envelope version this code writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] SIGNATURE = "{\"@mp4j\":".getBytes(StandardCharsets.US_ASCII);
    private static final SerializableString MP4J = new SerializedString("@mp4j");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString VALUE = new SerializedString("value");
    /** Jackson writes an Optional as its content; the envelope's type restores it. */
    private static final String OPTIONAL = Optional.class.getName();
    /** Bound on distinct policies kept with their mappers; beyond it the cache starts over. */
    private static final int MAX_CACHED_POLICIES = 32;

    /** Built on first encode: a process that only has this serializer installed never pays for Jackson. */
    private volatile PolicyMapping encoding;
    private final ConcurrentHashMap<TypePolicy, PolicyMapping> decoding = new ConcurrentHashMap<>();

    /** Whether the bytes start with the envelope's fixed prefix {@code {"@mp4j":}. */
    public static boolean recognizes(byte[] payload, int offset, int length) {
        if (length < SIGNATURE.length) {
            return false;
        }
        return Arrays.equals(payload, offset, offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /** The mapper for encoding, built on first use (an ObjectMapper loads some 500 classes). */
    private PolicyMapping encoding() {
        PolicyMapping m = encoding;
        if (m == null) {
            synchronized (this) {
                m = encoding;
                if (m == null) {
                    encoding = m = new PolicyMapping(TypePolicy.defaults());
                }
            }
        }
        return m;
    }

    /**
     * Writes {@code value} as one envelope into {@code out} without flushing or closing it. On failure {@code out}
     * may have received the start of the envelope.
     *
     * @throws SerializationException naming the type if Jackson cannot write it, or if it is an mp4j handle
     * @throws IOException if {@code out} fails
     */
    public void encode(Object value, OutputStream out) throws IOException {
        encode(value, out, TypePolicy.allowAll());
    }

    /**
     * Like {@link #encode(Object, OutputStream)}, asking {@code policy} about the envelope's type and every type id
     * written inside the value.
     *
     * @throws TypeNotAllowedException naming the first refused type, with an empty payload
     */
    public void encode(Object value, OutputStream out, TypePolicy policy) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(policy, "policy");
        Class<?> type = value == null ? null : topLevelType(value);
        if (type != null && Handles.isHandle(type)) {
            throw Handles.refusal(NAME, type);
        }
        boolean check = !policy.equals(TypePolicy.allowAll());
        if (check && type != null) {
            PolicyCheckingGenerator.check(policy, type.getName());
        }
        JsonGenerator plain = encoding().mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        try (JsonGenerator g = check ? new PolicyCheckingGenerator(plain, policy) : plain) {
            g.writeStartObject();
            g.writeFieldName(MP4J);
            g.writeNumber(VERSION);
            g.writeFieldName(TYPE);
            if (type == null) {
                g.writeNull();
                g.writeFieldName(VALUE);
                g.writeNull();
            } else {
                g.writeString(type.getName());
                g.writeFieldName(VALUE);
                encoding().writer().writeValue(g, value);
            }
            g.writeEndObject();
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            throw encodeFailure(type, e);
        }
    }

    /**
     * Reads one envelope from {@code payload[offset, offset+length)}, judging every type it names with
     * {@code policy} before loading it.
     *
     * @param self the serializer on whose behalf this decodes, named in a mismatch error
     * @throws DecodeException or a subclass, carrying a copy of the payload
     */
    public Object decode(io.github.mp4j.spi.Serializer self, byte[] payload, int offset, int length,
                         TypePolicy policy) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.requireNonNull(policy, "policy");
        if (!recognizes(payload, offset, length)) {
            throw io.github.mp4j.spi.Serializers.mismatch(self, payload, offset, length);
        }
        PolicyMapping m = mappingFor(policy);
        TypeGate.forgetLastFailure();
        try (JsonParser p = m.mapper().getFactory().createParser(payload, offset, length)) {
            return readEnvelope(p, m);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            throw decodeFailure(e, payload, offset, length);
        }
    }

    private PolicyMapping mappingFor(TypePolicy policy) {
        PolicyMapping m = decoding.get(policy);
        if (m != null) {
            return m;
        }
        if (decoding.size() >= MAX_CACHED_POLICIES) {
            decoding.clear();
        }
        return decoding.computeIfAbsent(policy, PolicyMapping::new);
    }

    private static Object readEnvelope(JsonParser p, PolicyMapping m) throws IOException {
        expect(p, p.nextToken() == JsonToken.START_OBJECT, "'{'");
        expectField(p, "@mp4j");
        expect(p, p.nextToken() == JsonToken.VALUE_NUMBER_INT, "an envelope version number");
        int version = p.getIntValue();
        if (version != VERSION) {
            throw new JsonParseException(p, "envelope version " + version + " is not supported; this end reads"
                    + " version " + VERSION + ": use the same mp4j version at both ends");
        }
        expectField(p, "type");
        JsonToken t = p.nextToken();
        expect(p, t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL, "a type name or null");
        String typeName = t == JsonToken.VALUE_NULL ? null : p.getText();
        expectField(p, "value");
        JsonToken v = p.nextToken();
        Object value;
        if (typeName == null) {
            expect(p, v == JsonToken.VALUE_NULL, "null (the envelope's type is null)");
            value = null;
        } else {
            Class<?> declared = m.gate().loadCached(typeName);
            value = m.reader().readValue(p);
            if (OPTIONAL.equals(typeName) && !(value instanceof Optional)) {
                value = Optional.ofNullable(value);
            }
            if (!DeclaredTypeCheck.matches(declared, value)) {
                throw new JsonParseException(p, "the envelope declares type " + typeName + " but its value decoded"
                        + " as " + (value == null ? "null" : value.getClass().getName()) + ": the payload is forged"
                        + " or corrupt");
            }
        }
        expect(p, p.nextToken() == JsonToken.END_OBJECT, "'}' closing the envelope");
        expect(p, p.nextToken() == null, "the end of the payload");
        return value;
    }

    private static void expectField(JsonParser p, String name) throws IOException {
        expect(p, p.nextToken() == JsonToken.FIELD_NAME && name.equals(p.currentName()), "field \"" + name + "\"");
    }

    private static void expect(JsonParser p, boolean ok, String what) throws JsonParseException {
        if (!ok) {
            throw new JsonParseException(p, "malformed mp4j json envelope: expected " + what + ", found "
                    + p.currentToken());
        }
    }

    private static Class<?> topLevelType(Object value) {
        return value instanceof Enum ? ((Enum<?>) value).getDeclaringClass() : value.getClass();
    }

    private static SerializationException encodeFailure(Class<?> type, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TypeNotAllowedException) {
                return (TypeNotAllowedException) c;
            }
            if (c instanceof SerializationException) {
                return (SerializationException) c;
            }
        }
        return new SerializationException(NAME, "serializer json cannot encode "
                + (type == null ? "null" : type.getName()) + ": " + describe(e), e);
    }

    private static DecodeException decodeFailure(Throwable e, byte[] payload, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(payload, offset, offset + length);
        TypeResolutionFailure f = TypeResolutionFailure.findIn(e);
        TypeResolutionFailure last = TypeGate.takeLastFailure();
        if (f == null) {
            f = last;
        }
        if (f != null && f.kind() == TypeResolutionFailure.Kind.REFUSED) {
            return new TypeNotAllowedException(NAME, f.typeName(), copy);
        }
        String missing = f != null ? f.typeName() : MissingClasses.nameIn(e);
        if (missing != null) {
            return new MissingTypeException(NAME, missing, copy, e);
        }
        if (e instanceof DecodeException) {
            return (DecodeException) e;
        }
        return new DecodeException(NAME, "serializer json cannot decode a payload of " + length + " bytes: "
                + describe(e), copy, e);
    }

    private static String describe(Throwable e) {
        if (e instanceof JsonProcessingException) {
            return ((JsonProcessingException) e).getOriginalMessage();
        }
        if (e instanceof StackOverflowError) {
            return "the value nests too deeply for this thread's stack (StackOverflowError)";
        }
        return e.toString();
    }
}
