package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.TruncatedFrameException;
import io.github.mp4j.pipe.internal.BigEndian;
import io.github.mp4j.pipe.internal.Deadline;
import java.io.EOFException;
import java.io.IOException;

/**
 * Frames (4-byte big-endian length + payload) over a ring, the way the connection's frame reader will parse the
 * ring's byte stream: a clean end between frames is {@link EOFException}, an end inside one is
 * {@link TruncatedFrameException} counting header and payload bytes, as on a socket.
 */
final class RingFrames {
    private RingFrames() {
    }

    static void write(RingSink sink, byte[] payload) throws IOException {
        byte[] header = new byte[4];
        BigEndian.putInt(header, 0, payload.length);
        sink.write(header, 0, 4, Deadline.NONE);
        sink.write(payload, 0, payload.length, Deadline.NONE);
    }

    static byte[] read(RingSource source) throws IOException {
        byte[] header = new byte[4];
        int got = readFully(source, header);
        if (got == 0) {
            throw new EOFException("end of stream between frames");
        }
        if (got < 4) {
            throw new TruncatedFrameException(4, got);
        }
        byte[] payload = new byte[BigEndian.getInt(header, 0)];
        int have = readFully(source, payload);
        if (have < payload.length) {
            throw new TruncatedFrameException(4L + payload.length, 4L + have);
        }
        return payload;
    }

    /** Reads until {@code dst} is full or the stream ends; returns the bytes read. */
    static int readFully(RingSource source, byte[] dst) throws IOException {
        int pos = 0;
        while (pos < dst.length) {
            int n = source.read(dst, pos, dst.length - pos, Deadline.NONE);
            if (n < 0) {
                return pos;
            }
            pos += n;
        }
        return pos;
    }

    /** A payload of {@code size} bytes that differs per {@code seed}. */
    static byte[] payload(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }
}
