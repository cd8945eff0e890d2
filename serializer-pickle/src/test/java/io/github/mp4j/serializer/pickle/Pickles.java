package io.github.mp4j.serializer.pickle;

import io.github.mp4j.TypePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encode/decode helpers and a tiny pickle opcode writer for hand-made (hostile) payloads. */
final class Pickles {
    static final PickleSerializer SERIALIZER = new PickleSerializer();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Pickles() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            SERIALIZER.encode(value, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] payload, TypePolicy policy) {
        return SERIALIZER.decode(payload, 0, payload.length, policy);
    }

    static Object roundTrip(Object value) {
        return decode(encode(value), TypePolicy.defaults());
    }

    /** A payload starting with PROTO 4. */
    static Pickles protocol4() {
        return new Pickles().op(0x80).op(4);
    }

    /** Appends opcodes and argument bytes. */
    Pickles op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    /** Appends ASCII text (GLOBAL arguments, INT text). */
    Pickles text(String ascii) {
        out.writeBytes(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return this;
    }

    /** LONG_BINGET of memo index {@code i}. */
    Pickles get(int i) {
        return op(0x6a, i & 0xff, (i >>> 8) & 0xff, (i >>> 16) & 0xff, i >>> 24);
    }

    byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }
}
