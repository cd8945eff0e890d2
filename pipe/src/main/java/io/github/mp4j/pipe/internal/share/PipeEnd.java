package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.Waiting;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a {@link io.github.mp4j.pipe.Pipe} that can be handed to another process.
 *
 * <p>In the process that made the pipe the end works over its socket. Serializing it (as a {@code JvmProcess}
 * argument or inside a message) offers it on this JVM's {@link io.github.mp4j.pipe.internal.attach.AttachService}:
 * the result is a {@link PipeEndHandle}, this object can no longer be used here (it may still be closed, which
 * withdraws the offer only once the whole pipe is closed here: {@link PipeEndAttacher#closed}), and the receiving
 * process attaches it on first use. If the other end still lives here and the handed end was never used, the
 * attaching socket simply replaces this end's socket (no hop through this process afterwards); otherwise this
 * process relays frames. An end can be attached by one process only; a second attach is refused with an error
 * naming the first.
 *
 * <p>Because the socket under an end can be replaced while a thread is blocked receiving on it, receiving calls
 * retry on the new socket when the old one reports end of stream because it was replaced.
 */
public final class PipeEnd implements Connection, Waiting.Target, Serializable {
    private static final long serialVersionUID = 1L;

    private final transient ConnectionOptions options;
    private final transient boolean readable;
    private final transient boolean writable;
    /** For an end made from a handle: where to attach; null for ends made here. */
    private final transient PipeEndHandle origin;
    final transient ReentrantLock sendLock = new ReentrantLock();

    private transient volatile AbstractConnection socket;
    private transient volatile PipeEnd peer;
    private transient volatile boolean handedOver;
    /** The id this end is offered under on the attach service, or null. */
    private transient volatile String offerId;
    private transient volatile boolean used;
    private transient volatile boolean closed;

    private PipeEnd(AbstractConnection socket, ConnectionOptions options, boolean readable, boolean writable,
                    PipeEndHandle origin) {
        this.socket = socket;
        this.options = options;
        this.readable = readable;
        this.writable = writable;
        this.origin = origin;
    }

    /** Wraps the two connected sockets of a new pipe as ends that know each other. */
    public static PipeEnd[] pair(AbstractConnection first, AbstractConnection second, ConnectionOptions options) {
        PipeEnd a = new PipeEnd(first, options, first.isReadable(), first.isWritable(), null);
        PipeEnd b = new PipeEnd(second, options, second.isReadable(), second.isWritable(), null);
        a.peer = b;
        b.peer = a;
        return new PipeEnd[] {a, b};
    }

    /**
     * An unattached end in this process, made from a handle another process exported, under the receiving side's
     * {@code rules}: its serializer must be allowed there, its address is checked before anything connects, and it
     * decodes with the rules' policy narrowed by the handle's and the smaller largest frame. Handles received on
     * this end follow the same rules' TCP choice and socket directory.
     *
     * @throws io.github.mp4j.HandleRefusedException if the rules refuse the handle
     */
    static PipeEnd fromHandle(PipeEndHandle h, HandleRules rules) {
        String what = h.describe();
        Serializer s = rules.serializerFor(h.serializer(), what);
        rules.checkAddress(h.serverAddress(), what);
        long maxFrame = rules.maxFrameLengthFor(h.maxFrameLength(), what);
        HandleRules own = rules.narrowedTo(s, rules.policyFor(h.typePolicy()), maxFrame, h.serverAddress());
        ConnectionOptions.Builder b = ConnectionOptions.builder().serializer(s).typePolicy(own.policy())
                .maxFrameLength(Math.min(maxFrame, ConnectionOptions.LARGEST_MAX_FRAME_LENGTH))
                .attachHandlesOverTcp(own.attachOverTcp());
        Path dir = own.socketDirectory();
        if (dir != null) {
            b.socketDirectory(dir);
        }
        ConnectionOptions o = b.build();
        return new PipeEnd(null, o, h.readable(), h.writable(), h.narrowedTo(o));
    }

    /**
     * The connection this end works over now, attaching first if this end came from a handle.
     *
     * @throws ConnectionClosedException if this end is closed
     * @throws IllegalStateException if this end was handed to another process
     */
    @Override
    public AbstractConnection waitingOn() throws IOException {
        return current();
    }

    private AbstractConnection current() throws IOException {
        if (closed) {
            throw new ConnectionClosedException();
        }
        if (handedOver) {
            throw new IllegalStateException("this connection end was handed to another process and can no longer"
                    + " be used here; use it in that process (a Connection end is used by one process at a time)");
        }
        AbstractConnection c = socket;
        return c != null ? c : attach();
    }

    private synchronized AbstractConnection attach() throws IOException {
        if (socket == null) {
            socket = PipeEndAttacher.attach(origin, options, attachRules());
        }
        return socket;
    }

    // ---------------------------------------------------------------- sending

    @FunctionalInterface
    private interface Call<R> {
        R on(Connection c) throws IOException;
    }

    private <R> R sending(Call<R> call) throws IOException {
        if (!writable) {
            current();
            throw new IllegalStateException("connection is read-only");
        }
        used = true;
        try {
            sendLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send");
        }
        try {
            return call.on(current());
        } finally {
            sendLock.unlock();
        }
    }

    private <R> R receiving(Call<R> call) throws IOException {
        if (!readable) {
            current();
            throw new IllegalStateException("connection is write-only");
        }
        used = true;
        for (;;) {
            Connection c = current();
            try {
                return call.on(c);
            } catch (EOFException | ConnectionClosedException e) {
                if (closed || socket == c) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void send(Object obj) throws IOException {
        sending(c -> {
            c.send(obj);
            return null;
        });
    }

    @Override
    public void sendBytes(byte[] buf) throws IOException {
        sending(c -> {
            c.sendBytes(buf);
            return null;
        });
    }

    @Override
    public void sendBytes(byte[] buf, int offset, int size) throws IOException {
        sending(c -> {
            c.sendBytes(buf, offset, size);
            return null;
        });
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public Object recv() throws IOException {
        return receiving(Connection::recv);
    }

    @Override
    public <T> T recv(Class<T> type) throws IOException {
        return receiving(c -> c.recv(type));
    }

    @Override
    public byte[] recvBytes() throws IOException {
        return receiving(Connection::recvBytes);
    }

    @Override
    public byte[] recvBytes(int maxLength) throws IOException {
        return receiving(c -> c.recvBytes(maxLength));
    }

    @Override
    public int recvBytesInto(byte[] buf) throws IOException {
        return receiving(c -> c.recvBytesInto(buf));
    }

    @Override
    public int recvBytesInto(byte[] buf, int offset) throws IOException {
        return receiving(c -> c.recvBytesInto(buf, offset));
    }

    @Override
    public boolean poll() throws IOException {
        return poll(Duration.ZERO);
    }

    @Override
    public boolean poll(Duration timeout) throws IOException {
        long deadline = Deadline.after(timeout);
        return receiving(c -> {
            boolean ready = c.poll(Duration.ofNanos(Math.max(0, Deadline.remaining(deadline))));
            if (ready && socket != c && !closed) {
                throw new EOFException("socket replaced while polling");
            }
            return ready;
        });
    }

    // ---------------------------------------------------------------- state

    /**
     * Closes this end. An end handed to another process is only marked closed here: the process it went to still
     * owns it (the usual {@code r.close()} in the parent after starting the child).
     */
    @Override
    public void close() throws IOException {
        closed = true;
        Connection c = socket;
        if (c != null && !handedOver) {
            c.close();
        }
        PipeEndAttacher.closed(this);
    }

    @Override
    public boolean isClosed() {
        if (closed) {
            return true;
        }
        Connection c = socket;
        return c != null && c.isClosed() && socket == c;
    }

    /** False for a write-only end, and after {@code recvBytes(maxLength)} refused a longer frame (as CPython). */
    @Override
    public boolean isReadable() {
        Connection c = socket;
        return readable && (c == null || handedOver || c.isReadable());
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public String toString() {
        return "PipeEnd[" + (handedOver ? "handed over" : closed ? "closed" : String.valueOf(socket))
                + (readable ? ", readable" : "") + (writable ? ", writable" : "") + "]";
    }

    // ---------------------------------------------------------------- attach (package-private)

    ConnectionOptions options() {
        return options;
    }

    PipeEndHandle origin() {
        return origin;
    }

    AbstractConnection rawSocket() {
        return socket;
    }

    PipeEnd peer() {
        return peer;
    }

    boolean wasUsed() {
        return used;
    }

    boolean closedHere() {
        return closed;
    }

    boolean handedOver() {
        return handedOver;
    }

    void markHandedOver() {
        handedOver = true;
    }

    /** Marks this end handed over, offered under {@code id}. */
    void markOffered(String id) {
        offerId = id;
        handedOver = true;
    }

    String offerId() {
        return offerId;
    }

    /** Switches this end to {@code replacement}; the caller holds {@link #sendLock}. */
    void replaceSocket(AbstractConnection replacement) {
        socket = replacement;
    }

    /** The rules this end's address is checked against again just before it connects. */
    private HandleRules attachRules() {
        return HandleRules.receiving(options.serializer().name(), options.typePolicy(), options.maxFrameLength(),
                options.attachHandlesOverTcp(), options::socketDirectory);
    }

    private Object writeReplace() throws ObjectStreamException {
        return PipeEndAttacher.offer(this);
    }

    /** An end travels only as its {@link PipeEndHandle} ({@code writeReplace}); a stream naming this class is forged. */
    private void readObject(ObjectInputStream in) throws IOException {
        throw new InvalidObjectException("a PipeEnd travels as a PipeEndHandle; this stream names PipeEnd itself and"
                + " is forged or corrupt");
    }
}
