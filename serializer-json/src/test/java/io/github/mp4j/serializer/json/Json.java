package io.github.mp4j.serializer.json;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Encoding and decoding helpers for the json serializer's tests. */
final class Json {
    static final Serializer SERIALIZER = new JsonSerializer();

    private Json() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SERIALIZER.encode(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static Object decode(byte[] payload, TypePolicy policy) {
        return SERIALIZER.decode(payload, 0, payload.length, policy);
    }
}
