package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Listener;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A recorded handshake response is worthless: every connection gets a fresh challenge, so replaying an answer
 * that authenticated one connection fails on the next with CPython's "digest received was wrong".
 */
@Timeout(60)
class HandshakeReplayTest {
    private static final byte[] KEY = "replay-key".getBytes(StandardCharsets.US_ASCII);
    private final ExecutorService accepts = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        accepts.shutdownNow();
    }

    @Test
    void replayedResponseToAFreshChallengeIsRefusedAndTheListenerKeepsServing() throws Exception {
        Path dir = Files.createTempDirectory("mp4j-replay");
        try (Listener listener = Listener.bind(dir.resolve("l.sock").toString(), KEY)) {
            byte[] recorded;
            byte[] firstChallenge;
            Future<Connection> first = accepts.submit(listener::accept);
            try (SocketChannel eavesdropped = connect(listener)) {
                firstChallenge = challengeMessage(RawUnixServer.readFrame(eavesdropped));
                recorded = response(firstChallenge);
                write(eavesdropped, recorded);
                assertThat(ascii(RawUnixServer.readFrame(eavesdropped))).isEqualTo("#WELCOME#");
                finishAsClient(eavesdropped);
                first.get(30, TimeUnit.SECONDS).close();
            }

            Future<Connection> next = accepts.submit(listener::accept);
            try (SocketChannel attacker = connect(listener)) {
                byte[] secondChallenge = challengeMessage(RawUnixServer.readFrame(attacker));
                assertThat(secondChallenge).as("a fresh challenge").isNotEqualTo(firstChallenge);
                write(attacker, recorded);
                assertThat(ascii(RawUnixServer.readFrame(attacker))).isEqualTo("#FAILURE#");
                assertThat(attacker.read(ByteBuffer.allocate(1))).as("refused connection closed").isEqualTo(-1);
                assertThat(next.isDone()).as("the refused peer is not handed to accept()").isFalse();
            }

            try (SocketChannel client = connect(listener)) {
                write(client, response(challengeMessage(RawUnixServer.readFrame(client))));
                assertThat(ascii(RawUnixServer.readFrame(client))).isEqualTo("#WELCOME#");
                finishAsClient(client);
                next.get(30, TimeUnit.SECONDS).close();
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static SocketChannel connect(Listener listener) throws Exception {
        return SocketChannel.open(UnixDomainSocketAddress.of(listener.address()));
    }

    /** The client's half: deliver a challenge, check the listener's answer, welcome it. */
    private static void finishAsClient(SocketChannel c) throws Exception {
        byte[] message = ("{sha256}" + "x".repeat(40)).getBytes(StandardCharsets.US_ASCII);
        write(c, concat(HandshakeModel.CHALLENGE, message));
        assertThat(RawUnixServer.readFrame(c)).isEqualTo(response(message));
        write(c, "#WELCOME#".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] challengeMessage(byte[] frame) {
        assertThat(Arrays.copyOf(frame, HandshakeModel.CHALLENGE.length)).isEqualTo(HandshakeModel.CHALLENGE);
        return Arrays.copyOfRange(frame, HandshakeModel.CHALLENGE.length, frame.length);
    }

    /** CPython 3.12's answer to a {@code {sha256}} challenge: the prefix, then HMAC-SHA256 of the message. */
    private static byte[] response(byte[] message) throws Exception {
        assertThat(ascii(Arrays.copyOf(message, 8))).isEqualTo("{sha256}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return concat("{sha256}".getBytes(StandardCharsets.US_ASCII), mac.doFinal(message));
    }

    private static void write(SocketChannel c, byte[] payload) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(RawUnixServer.frame(payload));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
