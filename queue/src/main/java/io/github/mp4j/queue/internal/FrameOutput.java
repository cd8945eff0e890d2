package io.github.mp4j.queue.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a serializer writes an item into, after {@link Wire#HEADER} reserved bytes, so the
 * finished array is a whole queue message once the header is filled in. One per thread, reused.
 */
public final class FrameOutput extends OutputStream {
    /** Buffers that grew beyond this are dropped after use rather than kept by the thread. */
    static final int RETAIN_LIMIT = 1 << 20;

    private byte[] buf = new byte[256];
    private int count = Wire.HEADER;

    /** Empties the buffer, keeping the header space. */
    void reset() {
        count = Wire.HEADER;
    }

    @Override
    public void write(int b) {
        ensure(count + 1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(count + len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensure(int needed) {
        if (needed > buf.length) {
            if (needed < 0) {
                throw new OutOfMemoryError("an encoded item larger than 2 GiB cannot be queued");
            }
            buf = Arrays.copyOf(buf, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
        }
    }

    /** The backing array: header then payload up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }

    /** Header plus payload bytes written so far. */
    public int size() {
        return count;
    }

    /** An exact-size copy: the message as it will be stored. */
    byte[] toFrame() {
        return Arrays.copyOf(buf, count);
    }

    /** Whether this buffer grew so large that a thread should not keep it. */
    boolean oversized() {
        return buf.length > RETAIN_LIMIT;
    }
}
