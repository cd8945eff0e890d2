package io.github.mp4j.queue.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a serializer writes an item into, after {@link Wire#HEADER} reserved bytes, so the
 * finished array is a whole queue message once the header is filled in. One per thread, reused. An owner's
 * {@code Outbox} builds its {@link Wire#BATCH} frames in one too ({@link Wire#startBatch}).
 */
public final class FrameOutput extends OutputStream {
    /** Buffers that grew beyond this are dropped after use rather than kept by the thread. */
    static final int RETAIN_LIMIT = 1 << 20;

    private byte[] buf = new byte[256];
    private int count = Wire.HEADER;

    /** Empties the buffer, keeping the header space. */
    public void reset() {
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

    /** Appends {@code v} as a big-endian int. */
    public void writeInt(int v) {
        ensure(count + 4);
        Wire.putInt(buf, count, v);
        count += 4;
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
