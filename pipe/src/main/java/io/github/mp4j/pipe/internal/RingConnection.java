package io.github.mp4j.pipe.internal;

import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.ring.RingEnd;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * A connection whose frames travel through two shared-memory rings ({@link RingEnd}), the same-host fast path
 * (DESIGN §3). The rings carry the very byte stream a socket would, read by the same {@link FrameReader} and written
 * by the same {@link FrameWriter}, so frame limits, {@code TruncatedFrameException} after every complete frame,
 * and interruption behave as on {@link SocketConnection}. The Unix socket the connection was set up on stays open
 * beside the rings: its end-of-stream says the peer is gone, and it carries doorbell bytes when a waiter parked.
 *
 * <p>A ring whose counters the peer broke (a hostile or corrupted shared file) closes this connection: the call that
 * met it gets {@code ProtocolException} naming the ring and the condition, later calls
 * {@code ConnectionClosedException}, and the peer sees the end of the stream; nothing else in the process is touched.
 *
 * <p>Waiting: a receiver finding its ring empty stays awake briefly (an adaptive window), then parks on the doorbell
 * socket ({@link io.github.mp4j.pipe.internal.ring.SpinPolicy}); a sender facing a full ring does the same. {@code
 * Connections.wait} selects on the doorbell socket after announcing parking ({@link #prepareToBlock()}), and counts
 * the connection ready only when the ring holds input or the peer is gone, so a stale doorbell byte never makes it
 * report a connection with nothing to receive.
 *
 * <p>Payloads larger than the 64 KiB read buffer are copied from the ring straight into the receiving array
 * ({@code recvBytesInto}, large {@code recv}).
 */
public final class RingConnection extends FramedConnection {
    private final RingEnd end;
    private final RingBytes bytes;

    /**
     * A connection over {@code end}, owned by it from now on.
     *
     * @param options serializer, type policy and maximum frame length
     * @param readable whether this end may receive
     * @param writable whether this end may send
     */
    public RingConnection(RingEnd end, ConnectionOptions options, boolean readable, boolean writable) {
        super(options, readable, writable);
        this.end = Objects.requireNonNull(end, "end");
        this.bytes = new RingBytes(end, this::close);
        framesOver(bytes, bytes, options);
    }

    @Override
    public RingConnection rewrap(ConnectionOptions newOptions, boolean newReadable, boolean newWritable)
            throws IOException {
        Objects.requireNonNull(newOptions, "newOptions");
        readLock.lock();
        writeLock.lock();
        try {
            if (!markClosed()) {
                throw new ConnectionClosedException();
            }
            RingConnection next = new RingConnection(end, newOptions, newReadable, newWritable);
            next.takeOverBuffered(this);
            return next;
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    /** The rings and the doorbell socket. */
    public RingEnd ringEnd() {
        return end;
    }

    @Override
    public ByteSink rawSink() {
        return bytes;
    }

    @Override
    public SelectableChannel selectableChannel() {
        return end.doorbellChannel();
    }

    @Override
    public boolean prepareToBlock() {
        try {
            return end.source().startWaiting();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void doneBlocking() {
        end.source().stopWaiting();
    }

    @Override
    public boolean selectedReady() {
        try {
            return end.source().confirmInput();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    protected boolean bufferedInput() {
        return super.bufferedInput() || end.source().hasInputOrEnd();
    }

    @Override
    protected void closeTransport() throws IOException {
        end.close();
    }

    @Override
    public String transportName() {
        return "shm";
    }

    @Override
    protected String describePeer() {
        return "shared memory " + end.file().path().getFileName();
    }
}
