package io.github.mp4j.pipe.internal;

import io.github.mp4j.pipe.ConnectionOptions;
import java.io.IOException;

/**
 * An {@link AbstractConnection} whose frames a {@link FrameReader} reads from a {@link ByteSource} and a
 * {@link FrameWriter} writes to a {@link ByteSink}: the part the socket and ring transports share. A subclass makes
 * its byte source and sink in its constructor and hands them to {@link #framesOver} before the connection is used.
 */
abstract class FramedConnection extends AbstractConnection {
    private FrameReader reader;
    private FrameWriter writer;

    FramedConnection(ConnectionOptions options, boolean readable, boolean writable) {
        super(options, readable, writable);
    }

    /** Reads frames from {@code source} and writes them to {@code sink}; a broken stream closes this connection. */
    final void framesOver(ByteSource source, ByteSink sink, ConnectionOptions options) {
        this.reader = new FrameReader(source, options.maxFrameLength(), this::close);
        this.writer = new FrameWriter(sink, this::close);
    }

    /** Takes over the bytes {@code previous} (a connection being rewrapped) had read and not yet framed. */
    final void takeOverBuffered(FramedConnection previous) {
        reader.takeOver(previous.reader);
    }

    @Override
    protected void sendFrame(byte[] buf, int off, int len) throws IOException {
        writer.writeFrame(buf, off, len);
    }

    @Override
    protected long receiveHeader(long deadline) throws IOException {
        return reader.nextFrame(deadline);
    }

    @Override
    protected int takeBuffered(int len) {
        return reader.takeBuffered(len);
    }

    @Override
    protected byte[] bufferedArray() {
        return reader.bufferArray();
    }

    @Override
    protected byte[] receivePayload(int len) throws IOException {
        return reader.readPayload(len);
    }

    @Override
    protected void receivePayloadInto(byte[] dst, int off, int len) throws IOException {
        reader.readInto(dst, off, len);
    }

    @Override
    protected boolean pollFrame(long deadline) throws IOException {
        return reader.poll(deadline);
    }

    @Override
    protected boolean bufferedInput() {
        return reader.hasBufferedInput();
    }
}
