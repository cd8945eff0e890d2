package io.github.mp4j.serializer.protobuf.internal;

import io.github.mp4j.SerializationException;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf payload's header: {@code 50 42 F7} (signature), a version byte, the Java class name of the message
 * as an unsigned 16-bit big-endian byte count and UTF-8 bytes (count 0 means the value is null); the message's
 * own bytes follow.
 */
public final class Header {
    /** The payload's first bytes. */
    public static final byte[] SIGNATURE = {0x50, 0x42, (byte) 0xF7};
    /** The layout version this code writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the class name: signature, version, name length. */
    public static final int FIXED_LENGTH = SIGNATURE.length + 1 + 2;

    private static final int MAX_NAME_BYTES = 0xFFFF;
    private static final byte[] NULL_HEADER = fixed(0);
    private static final ClassValue<byte[]> HEADERS = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
            byte[] name = type.getName().getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME_BYTES) {
                return null;
            }
            byte[] header = fixed(name.length);
            byte[] full = java.util.Arrays.copyOf(header, header.length + name.length);
            System.arraycopy(name, 0, full, header.length, name.length);
            return full;
        }
    };

    private Header() {
    }

    /** The header for a null value. Do not modify. */
    public static byte[] forNull() {
        return NULL_HEADER;
    }

    /**
     * The header naming {@code type}, cached per class. Do not modify.
     *
     * @throws SerializationException if the class name is longer than 65535 UTF-8 bytes
     */
    public static byte[] forType(Class<?> type, String serializer) {
        byte[] header = HEADERS.get(type);
        if (header == null) {
            throw new SerializationException(serializer, "class name of " + type.getName().substring(0, 80)
                    + "... is longer than " + MAX_NAME_BYTES + " UTF-8 bytes; the " + serializer
                    + " payload cannot name it", null);
        }
        return header;
    }

    /** Whether {@code payload[offset, offset+length)} starts with {@link #SIGNATURE}. */
    public static boolean hasSignature(byte[] payload, int offset, int length) {
        return length >= SIGNATURE.length
                && java.util.Arrays.equals(payload, offset, offset + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    private static byte[] fixed(int nameLength) {
        byte[] b = new byte[FIXED_LENGTH];
        System.arraycopy(SIGNATURE, 0, b, 0, SIGNATURE.length);
        b[SIGNATURE.length] = (byte) VERSION;
        b[SIGNATURE.length + 1] = (byte) (nameLength >>> 8);
        b[SIGNATURE.length + 2] = (byte) nameLength;
        return b;
    }
}
