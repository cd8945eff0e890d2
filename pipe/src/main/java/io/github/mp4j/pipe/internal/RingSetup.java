package io.github.mp4j.pipe.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.pipe.internal.ring.RingEnd;
import io.github.mp4j.pipe.internal.ring.SharedRingFile;
import io.github.mp4j.pipe.internal.ring.SpinPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Switches a freshly set-up Unix socket connection between two mp4j JVMs onto shared-memory rings (DESIGN §3),
 * in a lock-step exchange of frames on the socket, both ends waiting for each other so no other frame is in
 * flight:
 * <ol>
 *   <li>the joining end (the one that attached) sends {@code "TRANSPORT <its choice>"};</li>
 *   <li>the creating end decides: rings unless either end chose {@link Transport#SOCKET}, or both chose
 *       {@link Transport#AUTO} where the creator keeps the socket; it creates the file (0600, in the directory
 *       its caller gives: {@link RingFiles#directory}, a private one on a memory file system) and sends {@code "RING <path> <capacity>"}, or sends {@code "SOCKET"}, or
 *       {@code "ERR <reason>"} when shared memory was forced and the file cannot be made;</li>
 *   <li>the joining end maps the file (checking its size and header) and answers {@code "MAPPED"}, or
 *       {@code "FAIL <reason>"};</li>
 *   <li>on {@code MAPPED} the creator unlinks the file and both switch; the socket stays as doorbell.</li>
 * </ol>
 * A file that cannot be created or mapped falls back to the socket with a warning, unless an end forced
 * {@link Transport#SHARED_MEMORY}: then that connection fails with an {@link IOException} saying why.
 */
public final class RingSetup {
    /** Bytes of each ring's data area: 1 MiB, as the Unix socket's send buffer. */
    public static final int CAPACITY = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(RingSetup.class.getName());
    private static final int MAX_MESSAGE = 4096;

    private RingSetup() {
    }

    /**
     * The joining end: says what it wants, follows the creator's decision, and returns the connection to use
     * ({@code c} itself, or a {@link RingConnection} over its socket). {@code c} is closed on failure.
     *
     * @throws IOException if shared memory was forced and cannot be had, or the exchange fails
     */
    public static AbstractConnection join(AbstractConnection c, Transport wanted, long deadline)
            throws IOException {
        try {
            c.sendBytes(("TRANSPORT " + wanted.name()).getBytes(UTF_8));
            String answer = message(c, deadline);
            if (answer.equals("SOCKET")) {
                if (wanted == Transport.SHARED_MEMORY) {
                    throw new IOException("shared memory was required, but the peer keeps the socket");
                }
                return c;
            }
            if (answer.startsWith("ERR ")) {
                throw new IOException("shared memory was required, but the peer could not set it up: "
                        + answer.substring(4));
            }
            String[] w = answer.split(" ");
            if (w.length != 3 || !w[0].equals("RING")) {
                throw new IOException("unexpected transport answer from the peer: " + answer);
            }
            SharedRingFile file;
            try {
                file = SharedRingFile.open(Paths.get(w[1]), Integer.parseInt(w[2]));
            } catch (IOException | RuntimeException e) {
                c.sendBytes(("FAIL " + e.getMessage()).getBytes(UTF_8));
                if (wanted == Transport.SHARED_MEMORY) {
                    throw new IOException("shared memory was required, but the ring file cannot be mapped: " + e, e);
                }
                LOG.log(System.Logger.Level.WARNING, "shared-memory ring unavailable, using the socket: " + e);
                return c;
            }
            c.sendBytes("MAPPED".getBytes(UTF_8));
            return switchTo(c, file);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The creating end: reads the joining end's choice, decides with its own ({@code mine}), and returns the
     * connection to use ({@code c} itself, or a {@link RingConnection}). {@code autoRings} says whether two
     * {@link Transport#AUTO} ends take the rings here. {@code c} is closed on failure.
     */
    public static AbstractConnection create(AbstractConnection c, Transport mine, boolean autoRings, Path dir,
                                            long deadline) throws IOException {
        try {
            String ask = message(c, deadline);
            if (!ask.startsWith("TRANSPORT ")) {
                throw new IOException("unexpected transport request from the peer: " + ask);
            }
            Transport theirs = Transport.valueOf(ask.substring("TRANSPORT ".length()));
            boolean forced = mine == Transport.SHARED_MEMORY || theirs == Transport.SHARED_MEMORY;
            boolean rings = mine != Transport.SOCKET && theirs != Transport.SOCKET && (forced || autoRings);
            if (!rings) {
                c.sendBytes("SOCKET".getBytes(UTF_8));
                return c;
            }
            SharedRingFile file;
            try {
                file = SharedRingFile.create(dir, CAPACITY);
            } catch (IOException e) {
                if (forced) {
                    c.sendBytes(("ERR " + e.getMessage()).getBytes(UTF_8));
                    throw new IOException("shared memory was required, but the ring file cannot be made: "
                            + e.getMessage(), e);
                }
                LOG.log(System.Logger.Level.WARNING, "shared-memory ring unavailable, using the socket: " + e);
                c.sendBytes("SOCKET".getBytes(UTF_8));
                return c;
            }
            try {
                c.sendBytes(("RING " + file.path() + " " + file.capacity()).getBytes(UTF_8));
                String reply = message(c, deadline);
                if (!reply.equals("MAPPED")) {
                    if (forced) {
                        throw new IOException("shared memory was required, but the peer cannot map the ring file: "
                                + reply);
                    }
                    LOG.log(System.Logger.Level.WARNING, "shared-memory ring unavailable, using the socket: "
                            + reply);
                    return c;
                }
                if (!file.peerMapped()) {
                    throw new IOException("the peer said MAPPED but did not confirm in " + file.path());
                }
            } finally {
                file.unlink();
            }
            return switchTo(c, file);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Two connected ends in this JVM over one new ring file, for {@link io.github.mp4j.pipe.Pipe#open} with
     * {@link Transport#SHARED_MEMORY}: {@code a} creates, {@code b} maps. Both are closed on failure.
     */
    public static AbstractConnection[] local(AbstractConnection a, AbstractConnection b, Path dir)
            throws IOException {
        try {
            SharedRingFile created = SharedRingFile.create(dir, CAPACITY);
            SharedRingFile opened;
            try {
                opened = SharedRingFile.open(created.path(), CAPACITY);
            } finally {
                created.unlink();
            }
            return new AbstractConnection[] {switchTo(a, created), switchTo(b, opened)};
        } catch (IOException | RuntimeException e) {
            a.close();
            b.close();
            throw new IOException("shared memory was required, but the ring file cannot be set up: "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code wanted}, or {@link Transport#SOCKET} when {@code c} is not a Unix-domain socket (the rings need both
     * ends on one host). Both ends of a connection see the same kind of socket, so they agree.
     */
    public static Transport transportOver(AbstractConnection c, Transport wanted) {
        return c instanceof SocketConnection && "unix".equals(c.transportName()) ? wanted : Transport.SOCKET;
    }

    private static AbstractConnection switchTo(AbstractConnection c, SharedRingFile file) throws IOException {
        if (!(c instanceof SocketConnection s)) {
            throw new IllegalArgumentException("rings need a socket connection to take over: " + c);
        }
        boolean readable = c.isReadable();
        boolean writable = c.isWritable();
        RingEnd end = RingEnd.of(file, s.detachChannel(), SpinPolicy.defaults());
        return new RingConnection(end, c.options(), readable, writable);
    }

    private static String message(AbstractConnection c, long deadline) throws IOException {
        return new String(c.receiveBytes(MAX_MESSAGE, deadline), UTF_8);
    }
}
