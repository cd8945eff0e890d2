package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Kryo {@link Output} that writes every string (through {@link #writeString} and {@link #writeAscii}) as a varint
 * of its UTF-8 byte count plus one (zero for null) followed by the UTF-8 bytes; {@link BoundedInput} reads that form.
 *
 * <p>Kryo's own string form marks the end of an ASCII string in its last byte and writes other strings character
 * by character, which both ends then handle one character at a time. This form lets the JDK encode and decode a
 * string in one call, which is what a freshly started JVM, still interpreting, does fastest; class names, carried
 * in every payload, benefit most.
 *
 * <p>Byte runs larger than the buffer (a {@code byte[]} item, a long string) go to the attached stream in one write
 * after the buffer is flushed, instead of through the buffer in buffer-sized pieces: one copy of the bytes, not two.
 */
public final class StringOutput extends Output {
    /** A buffer of {@code bufferSize} bytes and no size limit; attach a stream before writing. */
    public StringOutput(int bufferSize) {
        super(bufferSize, -1);
    }

    @Override
    public void writeString(String value) {
        if (value == null) {
            writeVarInt(0, true);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(utf8.length + 1, true);
        writeBytes(utf8);
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int count) throws KryoException {
        if (outputStream == null || count <= capacity - position) {
            super.writeBytes(bytes, offset, count);
            return;
        }
        flush();
        try {
            outputStream.write(bytes, offset, count);
        } catch (IOException e) {
            throw new KryoException(e);
        }
        total += count;
    }

    @Override
    public void writeAscii(String value) {
        writeString(value);
    }
}
