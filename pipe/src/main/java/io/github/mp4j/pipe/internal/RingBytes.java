package io.github.mp4j.pipe.internal;

import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.ring.RingEnd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The shared-memory side of a {@link RingConnection}: its {@link RingEnd}'s rings read and written as a
 * {@link ByteSource} and {@link ByteSink}. The rings carry the very byte stream a socket would. A closed ring
 * surfaces as {@link ConnectionClosedException}, as a closed socket does. A ring whose counters the peer broke
 * ({@link ProtocolException}) runs the {@code onBroken} action (the connection closes, as after a malformed frame
 * header on a socket, DESIGN §4) and the exception reaches the caller; later calls get
 * {@link ConnectionClosedException}.
 */
final class RingBytes implements ByteSource, ByteSink {
    private final RingEnd end;
    private final Uninterruptibles.IoRun onBroken;

    RingBytes(RingEnd end, Uninterruptibles.IoRun onBroken) {
        this.end = end;
        this.onBroken = onBroken;
    }

    @Override
    public int read(ByteBuffer dst, long deadline) throws IOException {
        try {
            return end.source().read(dst, deadline);
        } catch (ClosedChannelException e) {
            throw closed(e);
        } catch (ProtocolException e) {
            throw broken(e);
        }
    }

    /** What the ring holds now; never negative, even over counters a hostile peer scribbled (the read then fails). */
    @Override
    public int available() throws IOException {
        try {
            return Math.max(0, end.source().available());
        } catch (ClosedChannelException e) {
            throw closed(e);
        } catch (ProtocolException e) {
            throw broken(e);
        }
    }

    @Override
    public boolean readsArrays() {
        return true;
    }

    @Override
    public int read(byte[] dst, int off, int len, long deadline) throws IOException {
        try {
            return end.source().read(dst, off, len, deadline);
        } catch (ClosedChannelException e) {
            throw closed(e);
        } catch (ProtocolException e) {
            throw broken(e);
        }
    }

    @Override
    public int write(ByteBuffer src, long deadline) throws IOException {
        try {
            return end.sink().write(src, deadline);
        } catch (ClosedChannelException e) {
            throw closed(e);
        } catch (ProtocolException e) {
            throw broken(e);
        }
    }

    /** Closes the connection over the corrupt ring and returns {@code e} to throw. */
    private ProtocolException broken(ProtocolException e) throws IOException {
        onBroken.run();
        return e;
    }

    private static ConnectionClosedException closed(ClosedChannelException e) {
        ConnectionClosedException x = new ConnectionClosedException();
        x.initCause(e);
        return x;
    }
}
