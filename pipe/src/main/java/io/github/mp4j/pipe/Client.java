package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.Handshake;
import java.io.IOException;
import java.net.ConnectException;

/**
 * Connects to a {@link Listener} (or a CPython {@code multiprocessing.connection.Listener}): Python's
 * {@code multiprocessing.connection.Client}.
 */
public final class Client {
    private Client() {
    }

    /**
     * Connects to {@code address} with this authkey (null: no authentication) and otherwise default options, so
     * {@code Client.connect(path, null)} works as {@code Client(path, authkey=None)} does.
     *
     * @see #connect(ConnectionOptions, String)
     */
    public static Connection connect(String address, byte[] authkey) throws IOException {
        return connect(ConnectionOptions.builder().authkey(authkey).build(), address);
    }

    /**
     * Connects to a Unix socket path (containing {@code '/'}) or a TCP {@code host:port} and, with an authkey,
     * authenticates (client side: answer the listener's challenge, then deliver one). The options come first so
     * that {@code connect(address, null)} is the authkey form without ambiguity, as in {@link Listener#bind}.
     *
     * @throws IllegalArgumentException if the address is malformed, or it is TCP and the options have no authkey
     * @throws io.github.mp4j.AuthenticationException if the handshake fails (CPython's wording): a wrong key, a
     *     frame that is not a challenge, an unsupported digest, or no verdict within the handshake timeout
     * @throws IOException {@code "bad message length"} if a handshake frame exceeds 256 bytes, as in CPython;
     *     {@link io.github.mp4j.ProtocolException} (or a subclass) for a malformed, oversized or cut frame;
     *     {@link java.io.EOFException} if the listener closes first
     * @throws ConnectException naming the address if nothing listens there
     * @throws IOException if the connection fails
     */
    public static Connection connect(ConnectionOptions options, String address) throws IOException {
        return Handshake.dial(options, address);
    }
}
