package io.github.mp4j.pipe.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * Writes CPython {@code multiprocessing.connection} frames to a {@link ByteSink}: the write half of a stream
 * connection, whatever carries its bytes.
 *
 * <p>Header and payload leave together through a direct buffer of up to 256 KiB, so a frame that fits takes one
 * write. Each payload byte is copied once into that buffer, and every write offers the sink a full buffer, topped
 * up after a partial write, so the sink never waits for a copy and no byte is copied twice.
 *
 * <p>Interruption: a thread interrupted while it waits for room before any byte of its frame left gets
 * {@link InterruptedIOException} and nothing was sent; once part of the frame left, the frame cannot be taken back,
 * so the {@code onBroken} action runs (the connection closes) and the thread gets {@link InterruptedIOException}.
 *
 * <p>Thread contract: not thread-safe; one writer at a time, under its connection's write lock, so frames of
 * concurrent senders never interleave.
 */
public final class FrameWriter {
    private final ByteSink sink;
    private final Uninterruptibles.IoRun onBroken;
    private final DirectBuffer sendBuf = new DirectBuffer();

    /**
     * @param sink where the bytes go
     * @param onBroken closes the connection when a frame was partly sent and cannot be completed
     */
    public FrameWriter(ByteSink sink, Uninterruptibles.IoRun onBroken) {
        this.sink = sink;
        this.onBroken = onBroken;
    }

    /** Writes one frame: the header, then the {@code size} payload bytes of {@code a} from {@code off}. */
    public void writeFrame(byte[] a, int off, int size) throws IOException {
        ByteBuffer b = sendBuf.sized(FrameCodec.headerLength(size) + size);
        b.clear();
        FrameCodec.writeHeader(b, size);
        int pos = off;
        int end = off + size;
        boolean started = false;
        for (;;) {
            int n = Math.min(b.remaining(), end - pos);
            b.put(a, pos, n);
            pos += n;
            b.flip();
            try {
                sink.write(b, Deadline.NONE);
            } catch (InterruptedIOException e) {
                if (started) {
                    onBroken.run();
                    throw new InterruptedIOException("interrupted while sending a frame; the connection is closed"
                            + " because the frame was partly sent");
                }
                throw new InterruptedIOException("interrupted while waiting to send; nothing was sent");
            }
            started = true;
            if (!b.hasRemaining()) {
                if (pos == end) {
                    return;
                }
                b.clear();
            } else if (b.position() > 0) {
                b.compact();
            } else {
                b.position(b.limit()).limit(b.capacity());
            }
        }
    }
}
