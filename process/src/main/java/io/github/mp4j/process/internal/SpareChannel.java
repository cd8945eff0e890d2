package io.github.mp4j.process.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.mp4j.pipe.internal.BigEndian;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.pipe.internal.attach.AttachService;
import io.github.mp4j.pipe.internal.attach.PreDialed;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A warm spare's authenticated channel to its parent's {@link AttachService}, opened while the spare waits, so
 * that the first handle a taken spare attaches there (a queue or pipe end of the parent's, its usual arguments)
 * skips the connect and the authkey handshake (three round trips) and starts with its attach request.
 *
 * <p>The parent introduces itself on the spare's stdin before anything else: the magic {@code "mp4s"}, a 4-byte
 * big-endian length, then its attach service's address (UTF-8), a NUL and the service's key (the key travels only
 * on this private pipe, never on a command line). The spare then keeps one connection in {@link PreDialed},
 * replaced every {@link #REFRESH_MILLIS} ms while it waits (the service waits {@link AttachService#REQUEST_TIMEOUT}
 * for a request, and {@link PreDialed} uses none older than half that). Once taken, the spare stops replacing it and
 * drops an unused one after that age. Every step is best effort: a spare without the channel attaches as a cold
 * child does.
 */
final class SpareChannel {
    static final int MAGIC = 0x6d703473; // "mp4s"
    /** How often a waiting spare replaces its channel: well within the age {@link PreDialed} still uses. */
    static final long REFRESH_MILLIS = AttachService.REQUEST_TIMEOUT.toMillis() / 3;

    private static final Object LOCK = new Object();
    private static boolean taken;

    private SpareChannel() {
    }

    /**
     * In the parent: writes the introduction to a just-started spare's stdin (starting this JVM's attach service if
     * it was not running).
     *
     * @throws IOException if the service cannot start or the spare's stdin is closed
     */
    static void introduce(Process spare) throws IOException {
        AttachService service = AttachService.get();
        byte[] address = service.address().getBytes(UTF_8);
        byte[] key = service.key();
        byte[] frame = new byte[8 + address.length + 1 + key.length];
        BigEndian.putInt(frame, 0, MAGIC);
        BigEndian.putInt(frame, 4, frame.length - 8);
        System.arraycopy(address, 0, frame, 8, address.length);
        System.arraycopy(key, 0, frame, 8 + address.length + 1, key.length);
        OutputStream stdin = spare.getOutputStream();
        stdin.write(frame);
        stdin.flush();
    }

    /**
     * In the spare: reads the parent's introduction from {@code stdin} and opens the channel (first connection now,
     * then a daemon thread replacing it until {@link #taken()}).
     *
     * @throws IOException if stdin ends or does not start with the introduction
     */
    static void open(InputStream stdin) throws IOException {
        DataInputStream in = new DataInputStream(stdin);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new StreamCorruptedException(String.format(
                    "a warm spare's stdin starts with 0x%08x, not the parent's introduction 0x%08x", magic, MAGIC));
        }
        int length = in.readInt();
        if (length <= 1 || length > 4096) {
            throw new StreamCorruptedException("parent introduction length " + length + " is not in [2, 4096]");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        int nul = 0;
        while (nul < body.length && body[nul] != 0) {
            nul++;
        }
        if (nul == body.length) {
            throw new StreamCorruptedException("parent introduction of " + length + " bytes has no NUL separator");
        }
        String address = new String(body, 0, nul, UTF_8);
        byte[] key = Arrays.copyOfRange(body, nul + 1, body.length);
        dial(address, key);
        DaemonThreads.start("mp4j-spare-channel", () -> keep(address, key));
    }

    /** In the spare, once taken: stops replacing the channel; the target's first attach may use it. */
    static void taken() {
        synchronized (LOCK) {
            taken = true;
            LOCK.notifyAll();
        }
    }

    private static void keep(String address, byte[] key) {
        try {
            while (awaitRefreshOrTaken()) {
                dial(address, key); // a connect and handshake on a local socket: short
            }
            Thread.sleep(AttachService.REQUEST_TIMEOUT.toMillis() / 2);
            PreDialed.discard(); // unused by the target: the service has stopped waiting on it by now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@link #REFRESH_MILLIS}; true if the channel is due for replacement, false once the spare is taken. */
    private static boolean awaitRefreshOrTaken() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS);
        synchronized (LOCK) {
            for (long left = until - System.nanoTime(); !taken && left > 0; left = until - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(LOCK, left);
            }
            return !taken;
        }
    }

    private static void dial(String address, byte[] key) {
        try {
            PreDialed.dial(address, key);
        } catch (IOException | RuntimeException e) {
            System.getLogger(SpareChannel.class.getName()).log(System.Logger.Level.DEBUG,
                    "warm spare: cannot open its channel to the parent at {0}: {1}", address, e.toString());
        }
    }
}
