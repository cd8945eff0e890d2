package io.github.mp4j.serializer.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Payload helpers for the jdk-specific tests. */
final class JdkTestPayloads {
    private JdkTestPayloads() {
    }

    /** {@code value} encoded with a default {@link JdkSerializer}. */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new JdkSerializer().encode(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A copy of {@code payload} with the single occurrence of ASCII {@code from} replaced by {@code to}. */
    static byte[] replace(byte[] payload, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        if (a.length != b.length) {
            throw new IllegalArgumentException("replacement must keep the length: " + from + " -> " + to);
        }
        int at = indexOf(payload, a, 0);
        if (at < 0 || indexOf(payload, a, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' must occur exactly once in the payload");
        }
        byte[] copy = payload.clone();
        System.arraycopy(b, 0, copy, at, b.length);
        return copy;
    }

    /** The first index of {@code needle} in {@code hay} at or after {@code from}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
