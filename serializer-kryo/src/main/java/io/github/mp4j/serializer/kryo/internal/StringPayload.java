package io.github.mp4j.serializer.kryo.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a top-level {@code String} or {@code null} exactly as a {@link KryoSession} writes it — Kryo's null marker,
 * or {@code String}'s registration id (a registered class: no name, so nothing for a type policy to judge) and the
 * string as {@link StringOutput} writes every string (a varint of its UTF-8 byte count plus one, then the bytes) —
 * with the JDK alone. A child JVM whose first messages are strings (a start signal, a status line) thus sends them
 * without waiting for its Kryo instance, which a fresh JVM takes tens of milliseconds to construct (some sixty
 * serializer classes and the java.time types it registers); the receiver reads them with Kryo as any other payload.
 */
public final class StringPayload {
    /** Kryo's "null" class marker. */
    private static final int NULL = 0;
    /** {@code String}'s registration id in every Kryo instance ({@code int} is 0, {@code String} 1), plus 2. */
    private static final int STRING = 1 + 2;

    private StringPayload() {
    }

    /** Whether {@link #write} writes {@code value}: null or a {@code String}. */
    public static boolean handles(Object value) {
        return value == null || value.getClass() == String.class;
    }

    /** Writes {@code header}, then {@code value} (null or a {@code String}) as a Kryo session does, to {@code out}. */
    public static void write(byte[] header, Object value, OutputStream out) throws IOException {
        if (value == null) {
            byte[] payload = java.util.Arrays.copyOf(header, header.length + 1);
            payload[header.length] = NULL;
            out.write(payload);
            return;
        }
        byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[header.length + 1 + 5 + utf8.length];
        System.arraycopy(header, 0, payload, 0, header.length);
        int at = header.length;
        payload[at++] = STRING;
        for (int v = utf8.length + 1; ; v >>>= 7) { // Kryo's writeVarInt(v, true): 7 bits a byte, low first
            if ((v & ~0x7F) == 0) {
                payload[at++] = (byte) v;
                break;
            }
            payload[at++] = (byte) ((v & 0x7F) | 0x80);
        }
        System.arraycopy(utf8, 0, payload, at, utf8.length);
        out.write(payload, 0, at + utf8.length);
    }
}
