package io.github.mp4j.pipe.internal;

import io.github.mp4j.FrameTooLargeException;
import io.github.mp4j.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Frame headers exactly as CPython's {@code multiprocessing.connection}: a 4-byte big-endian signed length, or,
 * for payloads over 2^31-1 bytes, the length -1 followed by an 8-byte big-endian length. Works on buffers only, so
 * headers of any size can be checked without a socket and without allocating the payload.
 */
public final class FrameCodec {
    /** Bytes of a header for payloads up to 2^31-1 bytes. */
    public static final int SHORT_HEADER = 4;
    /** Bytes of a header for longer payloads (-1 marker plus 8-byte length). */
    public static final int LONG_HEADER = 12;
    /** {@link #readLength} result when the buffer does not yet hold a whole header. */
    public static final long INCOMPLETE = -1L;

    private FrameCodec() {
    }

    /** The header size for a payload of {@code payloadLength} bytes: 4, or 12 above 2^31-1. */
    public static int headerLength(long payloadLength) {
        return payloadLength > Integer.MAX_VALUE ? LONG_HEADER : SHORT_HEADER;
    }

    /**
     * Writes the header for a payload of {@code payloadLength} bytes at the buffer's position and advances it.
     *
     * @throws IllegalArgumentException if the length is negative
     */
    public static void writeHeader(ByteBuffer dst, long payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("payload length < 0: " + payloadLength);
        }
        if (payloadLength > Integer.MAX_VALUE) {
            dst.putInt(-1).putLong(payloadLength);
        } else {
            dst.putInt((int) payloadLength);
        }
    }

    /**
     * Reads a header at the buffer's position. On success advances past the header and returns the payload
     * length; returns {@link #INCOMPLETE} without moving when the buffer holds only part of a header.
     *
     * @throws ProtocolException if the length is negative (other than the -1 marker), naming the value
     * @throws FrameTooLargeException if the length exceeds {@code maxFrameLength}
     */
    public static long readLength(ByteBuffer src, long maxFrameLength) throws ProtocolException {
        int pos = src.position();
        if (src.limit() - pos < SHORT_HEADER) {
            return INCOMPLETE;
        }
        int first = src.getInt(pos);
        long length;
        int header;
        if (first >= 0) {
            length = first;
            header = SHORT_HEADER;
        } else if (first == -1) {
            if (src.limit() - pos < LONG_HEADER) {
                return INCOMPLETE;
            }
            length = src.getLong(pos + SHORT_HEADER);
            header = LONG_HEADER;
            if (length < 0) {
                throw new ProtocolException("invalid frame header: extended length " + Long.toUnsignedString(length)
                        + " exceeds 2^63-1; the peer does not speak the multiprocessing frame protocol");
            }
        } else {
            throw new ProtocolException("invalid frame header: negative length " + first
                    + "; the peer does not speak the multiprocessing frame protocol");
        }
        if (length > maxFrameLength) {
            throw new FrameTooLargeException(length, maxFrameLength);
        }
        src.position(pos + header);
        return length;
    }

    /**
     * How many header bytes the frame at the buffer's position needs: 12 when the first four bytes are the
     * -1 marker, otherwise 4.
     */
    public static int headerBytesNeeded(ByteBuffer src) {
        int pos = src.position();
        return src.limit() - pos >= SHORT_HEADER && src.getInt(pos) == -1 ? LONG_HEADER : SHORT_HEADER;
    }
}
