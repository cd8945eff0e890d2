package io.github.mp4j.pipe.internal.ring;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One end of a shared-memory connection: the {@link RingSink} it writes, the {@link RingSource} it reads, and the
 * doorbell socket beside them. The creator of the {@link SharedRingFile} writes ring 0 and reads ring 1; the
 * opener the reverse.
 */
public final class RingEnd implements Closeable {
    private final SharedRingFile file;
    private final Doorbell doorbell;
    private final RingSink sink;
    private final RingSource source;

    private RingEnd(SharedRingFile file, Doorbell doorbell, SpinPolicy spin) {
        this.file = file;
        this.doorbell = doorbell;
        String name = file.path().getFileName().toString();
        int out = file.isCreator() ? 0 : 1;
        this.sink = new RingSink(file.ring(out, name + "#" + out), doorbell, spin);
        this.source = new RingSource(file.ring(1 - out, name + "#" + (1 - out)), doorbell, spin);
    }

    /**
     * The end over {@code file} with {@code socket} (connected to the peer's end) as doorbell and liveness
     * channel. The socket is switched to non-blocking mode and belongs to this end from now on.
     */
    public static RingEnd of(SharedRingFile file, SocketChannel socket, SpinPolicy spin) throws IOException {
        return new RingEnd(file, new Doorbell(socket), spin);
    }

    /** What this end writes. */
    public RingSink sink() {
        return sink;
    }

    /** What this end reads. */
    public RingSource source() {
        return source;
    }

    /** The doorbell socket (non-blocking), for {@code Connections.wait} to select on; never read or written. */
    public java.nio.channels.SocketChannel doorbellChannel() {
        return doorbell.channel();
    }

    /** The shared file. */
    public SharedRingFile file() {
        return file;
    }

    /** Closes the sink (clean end of stream), the source, and the doorbell socket (the peer sees EOF). */
    @Override
    public void close() throws IOException {
        sink.close();
        source.close();
        doorbell.close();
    }
}
