package io.github.mp4j.pipe.internal;

import io.github.mp4j.FrameTooLargeException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An independent reading of CPython's frame format, written from the spec rather than from {@link FrameCodec}:
 * what a reader of a byte stream must deliver (the whole frames) and how it must end (end of stream, or the exact
 * exception for a bad or cut header or payload). The fuzz tests compare the real decoder with it.
 */
final class FrameModel {
    /** The frames a stream carries and the exception that ends reading it. */
    static final class Outcome {
        final List<byte[]> frames;
        final Exception end;

        Outcome(List<byte[]> frames, Exception end) {
            this.frames = frames;
            this.end = end;
        }
    }

    private FrameModel() {
    }

    /** Reads {@code stream} (closed by the peer after its last byte) frame by frame, as the spec says. */
    static Outcome read(byte[] stream, long maxFrameLength) {
        ByteBuffer in = ByteBuffer.wrap(stream);
        List<byte[]> frames = new ArrayList<>();
        for (;;) {
            int rem = in.remaining();
            if (rem == 0) {
                return new Outcome(frames, new java.io.EOFException("the peer closed the connection"));
            }
            if (rem < 4) {
                return new Outcome(frames, new TruncatedFrameException(4, rem));
            }
            int first = in.getInt(in.position());
            long length;
            int header;
            if (first >= 0) {
                length = first;
                header = 4;
            } else if (first == -1) {
                if (rem < 12) {
                    return new Outcome(frames, new TruncatedFrameException(12, rem));
                }
                length = in.getLong(in.position() + 4);
                header = 12;
                if (length < 0) {
                    return new Outcome(frames, new ProtocolException("invalid frame header: extended length "
                            + Long.toUnsignedString(length) + " exceeds 2^63-1; the peer does not speak the"
                            + " multiprocessing frame protocol"));
                }
            } else {
                return new Outcome(frames, new ProtocolException("invalid frame header: negative length " + first
                        + "; the peer does not speak the multiprocessing frame protocol"));
            }
            if (length > maxFrameLength) {
                return new Outcome(frames, new FrameTooLargeException(length, maxFrameLength));
            }
            if (rem - header < length) {
                return new Outcome(frames, new TruncatedFrameException(header + length, rem));
            }
            int start = in.position() + header;
            frames.add(Arrays.copyOfRange(stream, start, start + (int) length));
            in.position(start + (int) length);
        }
    }
}
