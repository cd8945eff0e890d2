package io.github.mp4j.serializer.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.protobuf.internal.Header;
import io.github.mp4j.serializer.protobuf.internal.MessageParsers;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code "protobuf"} serializer (protobuf-java 4.x): carries {@link Message} values and {@code null}.
 *
 * <h2>Payload</h2>
 * <pre>
 * 50 42 F7          signature
 * 01                layout version
 * nn nn             length of the class name in UTF-8 bytes, unsigned big-endian; 0 for null
 * ...               the message's Java binary class name, e.g. com.google.protobuf.StringValue
 * ...               the message's protobuf wire bytes (Message.writeTo)
 * </pre>
 * The Java class name is sent rather than the proto full name because only it finds the generated class. Nested
 * messages are fixed by the schema and carry no names; an {@code Any} stays packed (unpack it with the type
 * you expect).
 *
 * <h2>Decoding</h2>
 * The class name is judged by the {@link TypePolicy} before anything is loaded (note that
 * {@link TypePolicy#defaults()} allows no protobuf classes: allow your messages' packages, and
 * {@code com.google.protobuf} for the well-known types). An allowed name is loaded without initialisation,
 * checked to be a {@link Message}, and its parser (from the static {@code parser()} method, else
 * {@code getDefaultInstance().getParserForType()}) is cached by class name. A name this process cannot load
 * raises {@link MissingTypeException}. Thread-safe.
 */
public final class ProtobufSerializer implements Serializer {
    private static final String NAME = "protobuf";
    private final MessageParsers parsers = new MessageParsers();

    /** Creates the serializer; {@link java.util.ServiceLoader} calls this. */
    public ProtobufSerializer() {
    }

    /** Returns {@code "protobuf"}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Writes the header naming the message's class, then the message, into {@code out} (not flushed, not closed).
     *
     * @throws SerializationException if {@code value} is neither null nor a {@link Message}, or is a message
     *         without a static {@code parser()}/{@code getDefaultInstance()} (such as {@code DynamicMessage})
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (value == null) {
            out.write(Header.forNull());
            return;
        }
        if (!(value instanceof Message)) {
            throw new SerializationException(NAME, "serializer protobuf can only encode " + Message.class.getName()
                    + " values, got " + value.getClass().getName(), null);
        }
        Class<?> type = value.getClass();
        if (!MessageParsers.findableByName(type)) {
            throw new SerializationException(NAME, "serializer protobuf cannot carry " + type.getName()
                    + ": it has no static parser() or getDefaultInstance(), so the receiver cannot parse it by class"
                    + " name; send an instance of a generated message class", null);
        }
        out.write(Header.forType(type, NAME));
        ((Message) value).writeTo(out);
    }

    /**
     * Writes {@code value} like {@link #encode(Object, OutputStream)} after asking {@code policy} about the one name
     * the payload carries, the message's class (nested messages are fixed by the schema and carry no names).
     *
     * @throws TypeNotAllowedException if {@code policy} refuses the message's class; nothing is written
     * @throws SerializationException as {@link #encode(Object, OutputStream)} does
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out, TypePolicy policy) throws IOException {
        Objects.requireNonNull(policy, "policy");
        if (value != null && !policy.isAllowed(value.getClass().getName())) {
            throw new TypeNotAllowedException(NAME, value.getClass().getName(), null);
        }
        encode(value, out);
    }

    /**
     * Reads one payload: checks the signature and version, judges the class name with {@code policy}, then parses
     * the message with the class's cached parser.
     *
     * @throws io.github.mp4j.SerializerMismatchException if the payload lacks this serializer's signature
     * @throws TypeNotAllowedException if {@code policy} refuses the named class (nothing is loaded)
     * @throws MissingTypeException if the named class is not in this process
     * @throws DecodeException if the payload is malformed or names a class that is not a {@link Message}
     */
    @Override
    public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.requireNonNull(policy, "policy");
        if (!recognizes(payload, offset, length)) {
            throw Serializers.mismatch(this, payload, offset, length);
        }
        if (length < Header.FIXED_LENGTH) {
            throw malformed(payload, offset, length, "payload of " + length + " bytes is shorter than the "
                    + Header.FIXED_LENGTH + "-byte header", null);
        }
        int version = payload[offset + Header.SIGNATURE.length] & 0xFF;
        if (version != Header.VERSION) {
            throw malformed(payload, offset, length, "layout version " + version + " is not supported; this end"
                    + " reads version " + Header.VERSION + ": use the same mp4j version at both ends", null);
        }
        int nameLength = ((payload[offset + Header.FIXED_LENGTH - 2] & 0xFF) << 8)
                | (payload[offset + Header.FIXED_LENGTH - 1] & 0xFF);
        int body = Header.FIXED_LENGTH + nameLength;
        if (body > length) {
            throw malformed(payload, offset, length, "class name of " + nameLength + " bytes runs past the end of"
                    + " the " + length + "-byte payload", null);
        }
        if (nameLength == 0) {
            if (length != Header.FIXED_LENGTH) {
                throw malformed(payload, offset, length, "null payload has " + (length - Header.FIXED_LENGTH)
                        + " bytes after its header", null);
            }
            return null;
        }
        String className = new String(payload, offset + Header.FIXED_LENGTH, nameLength, StandardCharsets.UTF_8);
        if (!policy.isAllowed(className)) {
            throw new TypeNotAllowedException(NAME, className, copy(payload, offset, length));
        }
        Parser<?> parser;
        try {
            parser = parsers.forName(className);
        } catch (MessageParsers.Failure f) {
            if (f.missing()) {
                throw new MissingTypeException(NAME, className, copy(payload, offset, length), f);
            }
            throw malformed(payload, offset, length, f.getMessage(), f);
        }
        try {
            return parser.parseFrom(payload, offset + body, length - body);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw malformed(payload, offset, length, "cannot parse " + (length - body) + " message bytes as "
                    + className + ": " + e.getMessage(), e);
        }
    }

    /** Whether the payload starts with {@code 50 42 F7}. */
    @Override
    public boolean recognizes(byte[] payload, int offset, int length) {
        return Header.hasSignature(payload, offset, length);
    }

    @Override
    public String toString() {
        return "ProtobufSerializer[protobuf]";
    }

    private static DecodeException malformed(byte[] payload, int offset, int length, String why, Throwable cause) {
        return new DecodeException(NAME, "serializer protobuf cannot decode a payload of " + length + " bytes: "
                + why, copy(payload, offset, length), cause);
    }

    private static byte[] copy(byte[] payload, int offset, int length) {
        return Arrays.copyOfRange(payload, offset, offset + length);
    }
}
