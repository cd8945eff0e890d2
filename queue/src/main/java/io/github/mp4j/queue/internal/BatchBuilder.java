package io.github.mp4j.queue.internal;

import java.util.Arrays;

/** Builds {@link Wire#BATCH} frames: a header, then each message as a big-endian int length and its bytes. */
public final class BatchBuilder {
    /** Messages longer than this are sent alone. */
    public static final int MAX_BATCHED_MESSAGE = 4096;
    /** A batch holds at most this many message bytes. */
    public static final int MAX_BATCH_BYTES = 64 * 1024;

    private byte[] buf = new byte[MAX_BATCH_BYTES + 1024];
    private int size;
    private int count;

    /** Whether {@code message} may go into a batch. */
    public static boolean batchable(byte[] message) {
        return message.length <= MAX_BATCHED_MESSAGE;
    }

    /** Starts an empty batch. */
    public void reset() {
        size = Wire.HEADER;
        count = 0;
    }

    /** Appends one message. */
    public void add(byte[] message) {
        int needed = size + 4 + message.length;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
        Wire.putInt(buf, size, message.length);
        System.arraycopy(message, 0, buf, size + 4, message.length);
        size = needed;
        count++;
        Wire.writeHeader(buf, Wire.BATCH, count);
    }

    /** The frame: {@link #size()} bytes of it. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }
}
