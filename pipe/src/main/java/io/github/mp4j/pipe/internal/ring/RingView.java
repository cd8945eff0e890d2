package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.ProtocolException;
import java.nio.ByteBuffer;

/**
 * One ring of a mapped file as both ends see it: the descriptor's words, the data area, and the copy in and out
 * of it across the wrap point. Every access goes through the buffer's bounds checks.
 */
final class RingView {
    final SharedWords words;
    final String name;
    final int capacity;
    private final ByteBuffer buffer;
    private final int base;
    private final int data;
    private final int mask;

    RingView(ByteBuffer buffer, int index, int capacity, String name) {
        this.buffer = buffer;
        this.words = new SharedWords(buffer);
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.base = RingDescriptor.ringOffset(index, capacity);
        this.data = base + RingDescriptor.DESCRIPTOR_LENGTH;
        this.name = name;
    }

    /** Absolute offset of a descriptor word. */
    int word(int descriptorOffset) {
        return base + descriptorOffset;
    }

    /** Copies {@code length} bytes from {@code src} into the data area at stream position {@code position}. */
    void copyIn(long position, byte[] src, int off, int length) {
        int index = (int) (position & mask);
        int first = Math.min(length, capacity - index);
        buffer.put(data + index, src, off, first);
        if (length > first) {
            buffer.put(data, src, off + first, length - first);
        }
    }

    /** Copies {@code length} bytes from {@code src} at its position (which advances) into the data area. */
    void copyIn(long position, ByteBuffer src, int length) {
        int index = (int) (position & mask);
        int first = Math.min(length, capacity - index);
        int at = src.position();
        buffer.put(data + index, src, at, first);
        if (length > first) {
            buffer.put(data, src, at + first, length - first);
        }
        src.position(at + length);
    }

    /** Copies {@code length} bytes at stream position {@code position} out of the data area into {@code dst}. */
    void copyOut(long position, byte[] dst, int off, int length) {
        int index = (int) (position & mask);
        int first = Math.min(length, capacity - index);
        buffer.get(data + index, dst, off, first);
        if (length > first) {
            buffer.get(data, dst, off + first, length - first);
        }
    }

    /** Copies {@code length} bytes at {@code position} into {@code dst} at its position (which advances). */
    void copyOut(long position, ByteBuffer dst, int length) {
        int index = (int) (position & mask);
        int first = Math.min(length, capacity - index);
        int at = dst.position();
        dst.put(at, buffer, data + index, first);
        if (length > first) {
            dst.put(at + first, buffer, data, length - first);
        }
        dst.position(at + length);
    }

    /** The exception for a counter the peer broke, naming this ring. */
    ProtocolException corrupt(String what) {
        return new ProtocolException("shared ring " + name + " is corrupt: " + what);
    }
}
