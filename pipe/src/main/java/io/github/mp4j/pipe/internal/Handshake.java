package io.github.mp4j.pipe.internal;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.internal.Recordings;
import io.github.mp4j.pipe.internal.jfr.HandshakeFailedEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The authkey challenge/response of CPython's {@code multiprocessing.connection}, byte for byte: the listening
 * side runs {@link #serve} (deliver, then answer), the connecting side {@link #connect} (answer, then deliver).
 * We deliver the modern challenge ({@code #CHALLENGE#{sha256}} and 40 random bytes) and accept both a legacy raw
 * HMAC-MD5 response (CPython 3.11) and a {@code {digest}}-prefixed one (3.12+); we answer legacy 20-byte and
 * prefixed challenges. Handshake frames are read with a 256-byte cap, as CPython does.
 */
public final class Handshake {
    private static final System.Logger LOG = System.getLogger(Handshake.class.getName());
    private static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    private static final byte[] WELCOME = ascii("#WELCOME#");
    private static final byte[] FAILURE = ascii("#FAILURE#");
    private static final int MESSAGE_LENGTH = 40;
    private static final int MD5ONLY_MESSAGE_LENGTH = 20;
    private static final int MAX_HANDSHAKE_FRAME = 256;
    private static final String DIGEST = "sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /**
     * Authenticates an accepted connection: delivers a challenge, then answers the peer's. On failure the
     * connection is closed.
     *
     * @throws AuthenticationException on a wrong key, a protocol error or when {@code timeout} passes
     */
    public static void serve(SocketConnection c, byte[] authkey, Duration timeout) throws IOException {
        run(c, authkey, timeout, true);
    }

    /**
     * Authenticates a connection we opened: answers the peer's challenge, then delivers one. On failure the
     * connection is closed.
     *
     * @throws AuthenticationException on a wrong key, a protocol error or when {@code timeout} passes
     */
    public static void connect(SocketConnection c, byte[] authkey, Duration timeout) throws IOException {
        run(c, authkey, timeout, false);
    }

    /**
     * {@link io.github.mp4j.pipe.Client#connect(ConnectionOptions, String)}: connects to a Unix socket path or a TCP
     * {@code host:port} and, with an authkey, authenticates (client side).
     *
     * @throws IllegalArgumentException if the address is malformed, or it is TCP and the options have no authkey
     * @throws ConnectException naming the address if nothing listens there
     */
    public static SocketConnection dial(ConnectionOptions options, String address) throws IOException {
        Objects.requireNonNull(options, "options");
        SocketAddress target = SocketAddresses.parse(address);
        if (!(target instanceof UnixDomainSocketAddress) && !options.hasAuthkey()) {
            throw new IllegalArgumentException("a TCP connection requires an authkey (address '" + address
                    + "'); set ConnectionOptions.builder().authkey(...)");
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(target);
        } catch (IOException e) {
            ConnectException named = new ConnectException("cannot connect to " + address + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        return establish(channel, options, false);
    }

    /**
     * Wraps a freshly connected or accepted channel as a duplex connection and, when the options carry an
     * authkey, authenticates it ({@code serving}: listener side, else client side). The channel is closed if
     * anything fails.
     */
    public static SocketConnection establish(SocketChannel channel, ConnectionOptions options, boolean serving)
            throws IOException {
        SocketConnection c;
        try {
            c = new SocketConnection(channel, options, true, true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (options.hasAuthkey()) {
            run(c, options.authkey(), options.handshakeTimeout(), serving);
        }
        return c;
    }

    private static void run(SocketConnection c, byte[] authkey, Duration timeout, boolean serving)
            throws IOException {
        long deadline = Deadline.after(timeout);
        boolean ok = false;
        String reason = "interrupted or failed";
        try {
            if (serving) {
                deliver(c, authkey, deadline);
                answer(c, authkey, deadline);
            } else {
                answer(c, authkey, deadline);
                deliver(c, authkey, deadline);
            }
            ok = true;
        } catch (SocketTimeoutException e) {
            reason = "did not finish within " + timeout;
            throw new AuthenticationException("authkey handshake did not finish within " + timeout
                    + "; the peer is not an mp4j/multiprocessing endpoint or is stuck");
        } catch (IOException | RuntimeException e) {
            reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw e;
        } finally {
            if (!ok) {
                if (Recordings.active()) { // the event class alone would set JFR up in this JVM
                    HandshakeFailedEvent.emit(String.valueOf(c), serving, reason);
                }
                LOG.log(System.Logger.Level.DEBUG, "authkey handshake failed on " + c);
                c.close();
            }
        }
    }

    private static void deliver(SocketConnection c, byte[] authkey, long deadline) throws IOException {
        byte[] random = new byte[MESSAGE_LENGTH];
        RANDOM.nextBytes(random);
        byte[] message = concat(ascii("{" + DIGEST + "}"), random);
        c.sendBytes(concat(CHALLENGE, message));
        byte[] response = c.receiveBytes(MAX_HANDSHAKE_FRAME, deadline);
        try {
            verify(authkey, message, response);
        } catch (AuthenticationException e) {
            c.sendBytes(FAILURE);
            throw e;
        }
        c.sendBytes(WELCOME);
    }

    private static void verify(byte[] authkey, byte[] message, byte[] response) throws AuthenticationException {
        ChallengeDigest.Parsed parsed = ChallengeDigest.parse(response);
        String name = parsed.name.isEmpty() ? ChallengeDigest.LEGACY : parsed.name;
        byte[] expected = ChallengeDigest.hmac(name, authkey, message);
        if (expected.length != parsed.payload.length) {
            throw new AuthenticationException("expected '" + name + "' of length " + expected.length + " got "
                    + parsed.payload.length);
        }
        if (!MessageDigest.isEqual(expected, parsed.payload)) {
            throw new AuthenticationException("digest received was wrong");
        }
    }

    private static void answer(SocketConnection c, byte[] authkey, long deadline) throws IOException {
        byte[] frame = c.receiveBytes(MAX_HANDSHAKE_FRAME, deadline);
        if (!startsWith(frame, CHALLENGE)) {
            throw new AuthenticationException("Protocol error, expected challenge: got a frame of " + frame.length
                    + " bytes without the #CHALLENGE# prefix");
        }
        byte[] message = Arrays.copyOfRange(frame, CHALLENGE.length, frame.length);
        if (message.length < MD5ONLY_MESSAGE_LENGTH) {
            throw new AuthenticationException("challenge too short: " + message.length + " bytes");
        }
        String name = ChallengeDigest.parse(message).name;
        byte[] response = name.isEmpty()
                ? ChallengeDigest.hmac(ChallengeDigest.LEGACY, authkey, message)
                : concat(ascii("{" + name + "}"), ChallengeDigest.hmac(name, authkey, message));
        c.sendBytes(response);
        byte[] verdict = c.receiveBytes(MAX_HANDSHAKE_FRAME, deadline);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("digest sent was rejected");
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
