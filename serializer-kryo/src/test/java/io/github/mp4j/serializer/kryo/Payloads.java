package io.github.mp4j.serializer.kryo;

import io.github.mp4j.spi.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes test values into byte arrays. */
final class Payloads {
    private Payloads() {
    }

    static byte[] encode(Serializer serializer, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            serializer.encode(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The payload with the first occurrence of {@code from} replaced by {@code to} (same length). */
    static byte[] replaceAscii(byte[] payload, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (f.length != t.length) {
            throw new IllegalArgumentException("lengths differ: " + from + " / " + to);
        }
        outer:
        for (int i = 0; i + f.length <= payload.length; i++) {
            for (int j = 0; j < f.length; j++) {
                if (payload[i + j] != f[j]) {
                    continue outer;
                }
            }
            byte[] copy = payload.clone();
            System.arraycopy(t, 0, copy, i, t.length);
            return copy;
        }
        throw new IllegalArgumentException(from + " does not occur in the payload");
    }
}
