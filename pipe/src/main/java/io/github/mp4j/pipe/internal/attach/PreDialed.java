package io.github.mp4j.pipe.internal.attach;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.Handshake;
import io.github.mp4j.pipe.internal.SocketConnection;
import java.io.IOException;
import java.security.MessageDigest;

/**
 * One connection to another process's {@link AttachService}, opened and authenticated ahead of need (a warm spare
 * opens one to its parent while it waits), which the next {@link AttachClient#attach} to that address and key uses
 * instead of connecting and running the authkey handshake: the attach then starts with its request. A connection
 * older than {@link #MAX_AGE_NANOS} is closed instead of used, since the service stops waiting for a request after
 * {@link AttachService#REQUEST_TIMEOUT}; its holder replaces it before then.
 */
public final class PreDialed {
    /** Half the service's request timeout: a connection this old is never used. */
    static final long MAX_AGE_NANOS = AttachService.REQUEST_TIMEOUT.toNanos() / 2;

    private static String address;
    private static byte[] key;
    private static SocketConnection connection;
    private static long dialedAt;
    private static int used;

    private PreDialed() {
    }

    /**
     * Opens and authenticates a connection to the service at {@code address} with {@code key} and keeps it for the
     * next attach there, closing the one kept before.
     *
     * @throws IOException if it cannot connect or authenticate (the one kept before stays)
     */
    public static void dial(String address, byte[] key) throws IOException {
        long now = System.nanoTime();
        SocketConnection fresh = Handshake.dial(ConnectionOptions.builder().authkey(key).build(), address);
        SocketConnection old;
        synchronized (PreDialed.class) {
            old = connection;
            PreDialed.address = address;
            PreDialed.key = key.clone();
            connection = fresh;
            dialedAt = now;
        }
        AttachService.closeQuietly(old);
    }

    /** Closes the kept connection, if any. */
    public static void discard() {
        SocketConnection old;
        synchronized (PreDialed.class) {
            old = connection;
            connection = null;
        }
        AttachService.closeQuietly(old);
    }

    /** How many attaches in this JVM used a connection kept here. */
    public static synchronized int used() {
        return used;
    }

    /**
     * The kept connection if it goes to {@code address} with {@code key} and is young enough, rewrapped with
     * {@code options} and no longer kept; else null (a stale one is closed).
     */
    static SocketConnection take(String address, byte[] key, ConnectionOptions options) throws IOException {
        SocketConnection c;
        synchronized (PreDialed.class) {
            c = connection;
            if (c == null || !address.equals(PreDialed.address) || key == null
                    || !MessageDigest.isEqual(key, PreDialed.key)) {
                return null;
            }
            connection = null;
            if (System.nanoTime() - dialedAt > MAX_AGE_NANOS) {
                AttachService.closeQuietly(c);
                return null;
            }
            used++;
        }
        return c.rewrap(options, true, true);
    }
}
