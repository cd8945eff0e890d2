package io.github.mp4j.pipe.internal;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.TruncatedFrameException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads CPython {@code multiprocessing.connection} frames from a {@link ByteSource}: the read half of a stream
 * connection, whatever carries its bytes.
 *
 * <p>Received bytes go into a 64 KiB buffer. A frame that fits is waited for whole before its header is consumed
 * (a timeout or interrupt leaves it unconsumed) and can be decoded in place. The rest of a larger frame is read
 * through a direct buffer of up to 256 KiB straight into its own array, which grows with the bytes that arrive
 * ({@link PayloadGrowth}), so a header declaring a large frame allocates nothing before its bytes come; the
 * declared length is checked against {@code maxFrameLength} before anything is allocated ({@link FrameCodec}).
 *
 * <p>Failures: a malformed or oversized header ({@link ProtocolException}), the stream ending inside a frame
 * ({@link TruncatedFrameException}, after every complete frame was delivered) and an interrupt inside a frame
 * larger than the buffer (which cannot be resumed) run the {@code onBroken} action (the connection closes) and
 * then throw.
 *
 * <p>Thread contract: not thread-safe; one reader at a time, under its connection's read lock.
 */
public final class FrameReader {
    private static final int READ_BUFFER = 64 * 1024;

    private final ByteSource source;
    private final long maxFrameLength;
    private final Uninterruptibles.IoRun onBroken;
    private final ByteBuffer readBuf = ByteBuffer.allocate(READ_BUFFER).flip();
    private final DirectBuffer recvBuf = new DirectBuffer();
    private boolean eof;

    /**
     * @param source where the bytes come from
     * @param maxFrameLength the largest payload accepted; a longer header fails before any allocation
     * @param onBroken closes the connection when the stream cannot go on (a frame cannot be resumed)
     */
    public FrameReader(ByteSource source, long maxFrameLength, Uninterruptibles.IoRun onBroken) {
        this.source = source;
        this.maxFrameLength = maxFrameLength;
        this.onBroken = onBroken;
    }

    /** Takes over the bytes {@code old} received but did not deliver, and whether it saw the end of the stream. */
    public void takeOver(FrameReader old) {
        readBuf.clear();
        readBuf.put(old.readBuf);
        readBuf.flip();
        eof = old.eof;
    }

    /** Whether a frame's bytes or the end of the stream are already here, so a receive would not wait. */
    public boolean hasBufferedInput() {
        return readBuf.hasRemaining() || eof;
    }

    /**
     * Waits until bytes or the end of the stream are here (true), or {@code deadline} passes (false). Consumes
     * nothing.
     */
    public boolean poll(long deadline) throws IOException {
        if (hasBufferedInput()) {
            return true;
        }
        int n = readMore(deadline);
        eof = n < 0;
        return n != 0;
    }

    /**
     * Parses the next header (waiting for it until {@code deadline}) and returns the payload length, with the
     * payload next to read. A frame that fits in the buffer is waited for whole before its header is consumed.
     *
     * @throws SocketTimeoutException if the deadline passes first; nothing is consumed
     * @throws EOFException if the stream ended cleanly between frames
     */
    public long nextFrame(long deadline) throws IOException {
        for (;;) {
            int start = readBuf.position();
            long len;
            try {
                len = FrameCodec.readLength(readBuf, maxFrameLength);
            } catch (ProtocolException e) {
                onBroken.run();
                throw e;
            }
            if (len == FrameCodec.INCOMPLETE) {
                fill(FrameCodec.headerBytesNeeded(readBuf), deadline);
                continue;
            }
            int header = readBuf.position() - start;
            if (len <= readBuf.remaining() || header + len > readBuf.capacity()) {
                return len;
            }
            readBuf.position(start);
            fill(header + len, deadline);
        }
    }

    /**
     * Consumes the current frame's whole {@code len}-byte payload from the buffer and returns where it starts in
     * {@link #bufferArray()} (valid until the next read); or returns -1, consuming nothing, when the payload is
     * larger than what is buffered.
     */
    public int takeBuffered(int len) {
        int start = readBuf.position();
        if (len > readBuf.limit() - start) {
            return -1;
        }
        readBuf.position(start + len);
        return readBuf.arrayOffset() + start;
    }

    /** The array behind the read buffer, for payloads {@link #takeBuffered} consumed. */
    public byte[] bufferArray() {
        return readBuf.array();
    }

    /** Reads more bytes into the buffer, waiting if none are available; {@code expected} is for error messages. */
    private void fill(long expected, long deadline) throws IOException {
        if (eof) {
            int have = readBuf.remaining();
            if (have == 0) {
                throw new EOFException("the peer closed the connection");
            }
            onBroken.run();
            throw new TruncatedFrameException(expected, have);
        }
        int n = readMore(deadline);
        if (n == 0) {
            throw new SocketTimeoutException("no frame arrived within the time allowed");
        }
        eof = n < 0;
    }

    /** One {@link ByteSource#read} after the bytes still buffered; returns what it returned. */
    private int readMore(long deadline) throws IOException {
        readBuf.compact();
        try {
            return source.read(readBuf, deadline);
        } finally {
            readBuf.flip();
        }
    }

    /**
     * Moves the current frame's {@code len} payload bytes into {@code dst}: buffered ones, then the rest read
     * through the direct receive buffer, each read asking for as much of the frame as that buffer holds.
     */
    public void readInto(byte[] dst, int off, int len) throws IOException {
        int have = Math.min(len, readBuf.remaining());
        readBuf.get(dst, off, have);
        int pos = off + have;
        int end = off + len;
        while (pos < end) {
            pos = readSome(dst, pos, end, off, len);
        }
    }

    /**
     * The current frame's {@code len} payload bytes in a new array of exactly that length. The array grows with
     * the bytes that actually arrive ({@link PayloadGrowth}): a peer that declares a large frame and sends little
     * costs memory in proportion to what it sent, not to what it declared. Bytes the source already holds
     * ({@link ByteSource#available()}, a ring) count as arrived, so a payload that is all there is received
     * into its final array at once.
     */
    public byte[] readPayload(int len) throws IOException {
        int have = Math.min(len, readBuf.remaining());
        int arrived = (int) Math.min(len, (long) have + (have < len ? source.available() : 0));
        byte[] dst = new byte[PayloadGrowth.initial(len, arrived)];
        readBuf.get(dst, 0, have);
        int pos = have;
        while (pos < len) {
            if (pos == dst.length) {
                dst = Arrays.copyOf(dst, PayloadGrowth.next(dst.length, len));
            }
            pos = readSome(dst, pos, dst.length, 0, len);
        }
        return dst;
    }

    /**
     * Reads payload bytes of the current frame ({@code len} bytes, stored from {@code frameOff}) into
     * {@code dst[pos..end)}, straight from a source that {@link ByteSource#readsArrays() reads arrays} (the ring),
     * else through the direct receive buffer, waiting if none are available; returns the new
     * position. The stream ending or an interrupt breaks the connection (a frame cannot be resumed).
     */
    private int readSome(byte[] dst, int pos, int end, int frameOff, int len) throws IOException {
        boolean direct = source.readsArrays();
        ByteBuffer b = direct ? null : recvBuf.sized(end - pos);
        int n;
        try {
            if (direct) {
                n = source.read(dst, pos, end - pos, Deadline.NONE);
            } else {
                b.clear();
                b.limit(Math.min(b.capacity(), end - pos));
                n = source.read(b, Deadline.NONE);
            }
        } catch (InterruptedIOException e) {
            onBroken.run();
            throw new InterruptedIOException("interrupted inside a frame of " + len + " bytes after "
                    + (pos - frameOff) + "; the connection is closed because the frame cannot be resumed");
        }
        if (n < 0) {
            eof = true;
            onBroken.run();
            int header = FrameCodec.headerLength(len);
            throw new TruncatedFrameException(header + (long) len, header + (long) (pos - frameOff));
        }
        if (!direct) {
            b.flip();
            b.get(dst, pos, n);
        }
        return pos + n;
    }
}
