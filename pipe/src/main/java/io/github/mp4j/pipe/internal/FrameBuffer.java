package io.github.mp4j.pipe.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The one growable output buffer of mp4j: a serializer writes a frame's payload into it, after {@code headroom}
 * bytes reserved for a header the caller fills in later (a queue message's header; none for a pipe frame), so the
 * finished array is sent as it is. Not thread-safe: a connection uses one under its write lock, the queue module one
 * per thread.
 *
 * <p><b>Cost linear in the frame's size.</b> The buffer is reused from frame to frame and keeps the capacity its
 * recent frames needed (its size hint), so a stream of equal large items encodes with no allocation and no copy
 * beyond writing each byte once. When a frame outgrows the buffer, the buffer grows to at least twice its size, so
 * a frame of {@code n} bytes is copied at most {@code n} extra bytes in all the growth it causes, and only the first
 * time. Memory does not stay pinned by one big frame: after {@value #SHRINK_AFTER} frames in a row that each used
 * less than a quarter of a capacity above {@link #INITIAL}, the buffer shrinks to what the largest of them needed.
 */
public final class FrameBuffer extends OutputStream {
    /** The capacity a new buffer starts with and never shrinks below. */
    public static final int INITIAL = 64 * 1024;
    /** Frames in a row that must each use under a quarter of the capacity before it shrinks. */
    static final int SHRINK_AFTER = 16;
    /** The largest Java byte array the buffer grows to. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int headroom;
    private byte[] buf = new byte[INITIAL];
    private int count;
    private int smallFrames;
    private int largestSmall;

    /** A buffer whose frames have no header space. */
    public FrameBuffer() {
        this(0);
    }

    /** A buffer whose frames start with {@code headroom} bytes for a header, before the payload. */
    public FrameBuffer(int headroom) {
        if (headroom < 0 || headroom > INITIAL) {
            throw new IllegalArgumentException("headroom " + headroom + " is not in 0.." + INITIAL);
        }
        this.headroom = headroom;
        this.count = headroom;
    }

    /** Starts a new frame: empties the payload, keeping the header space. */
    public void reset() {
        count = headroom;
    }

    /** The backing array: header space, then the payload, up to {@link #size()}; valid until the next write. */
    public byte[] array() {
        return buf;
    }

    /** Header space plus payload bytes written so far. */
    public int size() {
        return count;
    }

    /** Payload bytes written so far (without the header space). */
    public int payloadLength() {
        return count - headroom;
    }

    /** The capacity kept for the next frame. */
    public int capacity() {
        return buf.length;
    }

    /** An exact-size copy of header space and payload: the frame as it will be stored. */
    public byte[] toArray() {
        return Arrays.copyOf(buf, count);
    }

    /**
     * Ends a frame: notes how much of the capacity it used, shrinks the buffer after {@value #SHRINK_AFTER} frames in
     * a row used under a quarter of it, and empties it.
     */
    public void finish() {
        if (buf.length > INITIAL && count < buf.length / 4) {
            largestSmall = Math.max(largestSmall, count);
            if (++smallFrames >= SHRINK_AFTER) {
                buf = new byte[Math.max(INITIAL, largestSmall)];
                smallFrames = 0;
                largestSmall = 0;
            }
        } else {
            smallFrames = 0;
            largestSmall = 0;
        }
        count = headroom;
    }

    /** Appends {@code v} as a big-endian (network order) int. */
    public void writeInt(int v) {
        if (buf.length - count < 4) {
            grow(4);
        }
        BigEndian.putInt(buf, count, v);
        count += 4;
    }

    @Override
    public void write(int b) {
        if (count == buf.length) {
            grow(1);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if ((off | len) < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("offset " + off + ", length " + len + ", array " + b.length);
        }
        if (len > buf.length - count) {
            grow(len);
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void grow(int more) {
        long needed = (long) count + more;
        if (needed > MAX_ARRAY) {
            throw new IllegalStateException("a frame of " + needed + " bytes exceeds the largest Java byte array ("
                    + MAX_ARRAY + " bytes)");
        }
        long grown = Math.max(needed, Math.min((long) buf.length * 2, MAX_ARRAY));
        buf = Arrays.copyOf(buf, (int) grown);
    }
}
