package io.github.mp4j.pipe.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A reusable, growable byte array that holds the payload of one outgoing frame as the serializer writes it. Not
 * thread-safe; a connection uses it under its write lock.
 */
final class FrameBuffer extends OutputStream {
    /** Size kept between frames; a buffer that grew beyond {@link #RETAIN_LIMIT} shrinks back to this. */
    static final int INITIAL = 64 * 1024;
    private static final int RETAIN_LIMIT = 1024 * 1024;

    private byte[] buf = new byte[INITIAL];
    private int count;

    /** Starts a new frame: empties the payload. */
    void reset() {
        count = 0;
    }

    /** The backing array (valid until the next write grows it). */
    byte[] array() {
        return buf;
    }

    /** Payload bytes written so far. */
    int payloadLength() {
        return count;
    }

    /** Drops a large backing array after use so one big frame does not pin memory for the connection's life. */
    void trim() {
        if (buf.length > RETAIN_LIMIT) {
            buf = new byte[INITIAL];
        }
        count = 0;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if ((off | len) < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("offset " + off + ", length " + len + ", array " + b.length);
        }
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensure(int more) {
        long needed = (long) count + more;
        if (needed > buf.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("frame of " + needed + " bytes exceeds the largest Java byte array");
            }
            long grown = Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 8));
            buf = Arrays.copyOf(buf, (int) grown);
        }
    }
}
