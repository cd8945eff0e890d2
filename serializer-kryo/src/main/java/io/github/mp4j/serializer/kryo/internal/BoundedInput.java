package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Kryo {@link Input} over one payload that refuses, before allocating, any array or string whose claimed
 * length cannot fit in the bytes that remain. Every element of an array or character of a string takes at least
 * one byte, so a larger claim can only come from a corrupt or hostile payload; refusing it keeps a few bytes of
 * garbage from allocating gigabytes. Strings are read in {@link StringOutput}'s form.
 */
public final class BoundedInput extends Input {
    private static final byte[] EMPTY = new byte[0];

    /** An input with no payload yet; see {@link #setBuffer(byte[], int, int)}. */
    public BoundedInput() {
        super(EMPTY);
    }

    /** Drops the reference to the last payload so a pooled input does not keep it alive. */
    public void clear() {
        setBuffer(EMPTY, 0, 0);
    }

    /** The number of payload bytes not yet read. */
    public int remaining() {
        return limit - position;
    }

    /**
     * Throws unless {@code count} elements of at least {@code bytesEach} bytes can still be read.
     *
     * @throws KryoException naming the claim and what remains
     */
    public void requireElements(long count, int bytesEach, String what) {
        if (count < 0 || count * bytesEach > remaining()) {
            throw new KryoException("corrupt payload: " + what + " claims " + count + " elements but only "
                    + remaining() + " bytes remain");
        }
    }

    /**
     * Reads a string in {@link StringOutput}'s form: a varint of the UTF-8 byte count plus one (zero for null), then
     * the bytes, decoded in one call.
     *
     * @throws KryoException if the claimed byte count exceeds what remains of the payload
     */
    @Override
    public String readString() {
        int length = readStringLength();
        if (length < 0) {
            return null;
        }
        String s = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    /**
     * Reads the header of a string in {@link StringOutput}'s form and returns its UTF-8 byte count, or -1 for null;
     * the bytes follow at {@link #position()}, all within the payload.
     *
     * @throws KryoException if the claimed byte count exceeds what remains of the payload
     */
    public int readStringLength() {
        int header = readVarInt(true);
        if (header == 0) {
            return -1;
        }
        int length = header - 1;
        if (length < 0 || length > limit - position) {
            throw new KryoException("corrupt payload: string claims " + Integer.toUnsignedString(length)
                    + " bytes but only " + remaining() + " bytes remain");
        }
        return length;
    }

    @Override
    public StringBuilder readStringBuilder() {
        String s = readString();
        return s == null ? null : new StringBuilder(s);
    }

    /**
     * Copies {@code length} payload bytes into a new array in one {@code Arrays.copyOfRange}, which the JIT fills
     * without zeroing it first (Kryo's own version zeroes a new array, then copies into it: a 1 MiB item paid both).
     */
    @Override
    public byte[] readBytes(int length) {
        requireElements(length, 1, "byte array");
        if (inputStream != null) {
            return super.readBytes(length);
        }
        byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return bytes;
    }

    @Override
    public char[] readChars(int length) {
        requireElements(length, 2, "char array");
        return super.readChars(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireElements(length, 2, "short array");
        return super.readShorts(length);
    }

    @Override
    public int[] readInts(int length) {
        requireElements(length, 4, "int array");
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireElements(length, 1, "int array");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireElements(length, 8, "long array");
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireElements(length, 1, "long array");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        requireElements(length, 4, "float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireElements(length, 8, "double array");
        return super.readDoubles(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireElements(length, 1, "boolean array");
        return super.readBooleans(length);
    }
}
