package io.github.mp4j.testkit;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** One payload as a new array: the encode step every serializer contract starts from. */
public final class Encoding {
    private Encoding() {
    }

    /** {@code value} encoded by {@code serializer}'s {@code encode(value, out)} into a new array. */
    public static byte[] encode(Serializer serializer, Object value) {
        return written(out -> serializer.encode(value, out));
    }

    /**
     * {@code value} encoded by {@code serializer}'s {@code encode(value, out, policy)} into a new array.
     *
     * @throws io.github.mp4j.TypeNotAllowedException if {@code policy} refuses a type the value holds
     */
    public static byte[] encode(Serializer serializer, Object value, TypePolicy policy) {
        return written(out -> serializer.encode(value, out, policy));
    }

    private interface Write {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] written(Write write) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding into a ByteArrayOutputStream failed", e);
        }
        return out.toByteArray();
    }
}
