package io.github.mp4j.serializer.pickle.internal;

import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/** Encodes and decodes pickles and turns every failure into the api's exceptions, with the payload. Stateless. */
public final class PickleCodec {
    /** The serializer's name. */
    public static final String NAME = "pickle";
    private static final int PROTO = 0x80;

    private PickleCodec() {
    }

    /** Whether the bytes start with a PROTO opcode for protocol 2 to 5, as every pickle CPython sends does. */
    public static boolean recognizes(byte[] payload, int offset, int length) {
        return length >= 2 && (payload[offset] & 0xff) == PROTO && payload[offset + 1] >= 2 && payload[offset + 1] <= 5;
    }

    /** Writes {@code value} as one protocol 4 pickle into {@code out}; on failure {@code out} may hold a prefix. */
    public static void encode(Object value, OutputStream out) throws IOException {
        new PickleWriter(Objects.requireNonNull(out, "out")).writePickle(value);
    }

    /**
     * Decodes the pickle in {@code payload[offset, offset+length)}, judging every global with {@code policy}.
     *
     * @throws io.github.mp4j.SerializerMismatchException if the bytes do not start like a pickle
     * @throws TypeNotAllowedException naming {@code module.name} of a refused global
     * @throws MissingTypeException naming {@code module.name} of an allowed global without a Java mapping
     * @throws DecodeException if the pickle is malformed or exceeds a limit (Pyrolite's PickleException included)
     */
    public static Object decode(Serializer serializer, byte[] payload, int offset, int length, TypePolicy policy) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.requireNonNull(policy, "policy");
        if (!recognizes(payload, offset, length)) {
            throw Serializers.mismatch(serializer, payload, offset, length);
        }
        try {
            return new PolicyUnpickler(policy, length).load(new ByteArrayInputStream(payload, offset, length));
        } catch (PickleRefusal r) {
            byte[] copy = Arrays.copyOfRange(payload, offset, offset + length);
            switch (r.kind()) {
                case NOT_ALLOWED:
                    throw new TypeNotAllowedException(NAME, r.global(), copy);
                case MISSING:
                    throw new MissingTypeException(NAME, r.global(), copy, null);
                default:
                    throw malformed(payload, offset, length, r.getMessage(), null);
            }
        } catch (IOException | RuntimeException e) {
            throw malformed(payload, offset, length, e.toString(), e);
        }
    }

    private static DecodeException malformed(byte[] payload, int offset, int length, String detail,
                                             Throwable cause) {
        return new DecodeException(NAME, "cannot decode pickle payload of " + length + " bytes: " + detail,
                Arrays.copyOfRange(payload, offset, offset + length), cause);
    }
}
