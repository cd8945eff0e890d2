package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Garbage handshakes against {@link HandshakeModel}: random digest messages to the parser, random responses to a
 * real {@link Listener} and random challenges and verdicts to a real {@link Client}. Every case ends in the
 * model's exception (type and message) within a bound; the garbage connection is closed; a real listener refuses
 * the same garbage on the wire without disturbing {@code accept()}, and keeps authenticating honest clients.
 */
class HandshakeFuzzTest {
    private static final byte[] KEY = "fuzz-key".getBytes(StandardCharsets.US_ASCII);
    private static final Duration CASE_BOUND = Duration.ofSeconds(30);
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder().authkey(KEY).build();
    private static final long MAX = OPTIONS.maxFrameLength();
    private static final String[] NAMES = {"md5", "sha256", "sha384", "sha3_256", "sha3_384", "", "sha1", "SHA256",
        "sha3_3844", "blake2b", "}"};
    private static Path dir;
    private static Listener listener;
    private static RawUnixServer fakeListener;
    private static Path handshakePath;
    private static ServerSocketChannel handshakeServer;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("mp4j-hs-fuzz");
        listener = Listener.bind(OPTIONS, dir.resolve("l.sock").toString());
        fakeListener = new RawUnixServer();
        handshakePath = dir.resolve("h.sock");
        handshakeServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        handshakeServer.bind(UnixDomainSocketAddress.of(handshakePath));
    }

    @AfterContainer
    static void close() throws IOException {
        listener.close();
        fakeListener.close();
        handshakeServer.close();
        Files.deleteIfExists(handshakePath);
        Files.deleteIfExists(dir);
    }

    @Property(tries = 20_000)
    void anyDigestMessageIsLegacyPrefixedOrRefusedAsCPythonDoes(@ForAll("messages") byte[] message) {
        String[] name = new String[1];
        byte[] payload;
        try {
            payload = HandshakeModel.parse(message, name);
        } catch (AuthenticationException expected) {
            assertThatThrownBy(() -> ChallengeDigest.parse(message)).isExactlyInstanceOf(AuthenticationException.class)
                    .hasMessage(expected.getMessage());
            return;
        }
        ChallengeDigest.Parsed parsed = assertDoesNotThrow(message);
        assertThat(parsed.name).isEqualTo(name[0]);
        assertThat(parsed.payload).isEqualTo(payload);
    }

    private static ChallengeDigest.Parsed assertDoesNotThrow(byte[] message) {
        try {
            return ChallengeDigest.parse(message);
        } catch (AuthenticationException e) {
            throw new AssertionError("refused a message CPython accepts: " + e.getMessage(), e);
        }
    }

    @Property(tries = 300)
    void garbageResponseFailsTheHandshakeWithTheSpecifiedErrorAndTheListenerKeepsServing(
            @ForAll("responses") byte[] response) throws Exception {
        IOException expected = HandshakeModel.listenerSees(response, MAX);
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(handshakePath))) {
            SocketChannel served = handshakeServer.accept();
            fakeListener.writeThenEnd(raw, response);
            assertThatThrownBy(() -> assertTimeoutPreemptively(CASE_BOUND,
                    () -> Handshake.establish(served, OPTIONS, true)))
                    .isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
            assertRefusedOnTheWire(raw, expected);
        }
        // The listener runs the same handshake off its accept thread: the peer is refused alike, accept() is not
        // disturbed and returns the next honest client.
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(listener.address()))) {
            fakeListener.writeThenEnd(raw, response);
            assertRefusedOnTheWire(raw, expected);
        }
        assertHonestClientIsAccepted();
    }

    private static void assertRefusedOnTheWire(SocketChannel raw, IOException expected) throws IOException {
        byte[] challenge = RawUnixServer.readFrame(raw);
        assertThat(Arrays.copyOf(challenge, HandshakeModel.CHALLENGE.length)).isEqualTo(HandshakeModel.CHALLENGE);
        if (expected instanceof AuthenticationException) {
            assertThat(new String(RawUnixServer.readFrame(raw), StandardCharsets.US_ASCII)).isEqualTo("#FAILURE#");
        }
        assertThat(raw.read(ByteBuffer.allocate(1))).as("the garbage connection is closed").isEqualTo(-1);
    }

    private static void assertHonestClientIsAccepted() throws Exception {
        Future<Connection> accepted = java.util.concurrent.ForkJoinPool.commonPool().submit(listener::accept);
        try (Connection client = Client.connect(OPTIONS, listener.address());
             Connection server = accepted.get(30, TimeUnit.SECONDS)) {
            client.sendBytes(new byte[] {42});
            assertThat(server.recvBytes()).containsExactly(42);
        }
    }

    @Property(tries = 300)
    void garbageChallengeOrVerdictFailsConnectWithTheSpecifiedError(@ForAll("challenges") byte[] stream)
            throws Exception {
        IOException expected = HandshakeModel.clientSees(stream, MAX);
        assertThat(expected).as("generated streams never welcome the client").isNotNull();
        Future<SocketChannel> server = fakeListener.acceptThenWrite(stream);
        try {
            assertThatThrownBy(() -> assertTimeoutPreemptively(CASE_BOUND,
                    () -> Client.connect(OPTIONS, fakeListener.address())))
                    .isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        } finally {
            server.get(30, TimeUnit.SECONDS).close();
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
        Arbitrary<byte[]> legacy = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .flatMap(b -> Arbitraries.of(b, Arrays.copyOf(b, 20)));
        return Arbitraries.oneOf(random, legacy, prefixed(0, 80));
    }

    /** {@code {name}} then random bytes, with allowed, unknown and malformed names. */
    private static Arbitrary<byte[]> prefixed(int min, int max) {
        return Arbitraries.of(NAMES).flatMap(name -> Arbitraries.bytes().array(byte[].class).ofMinSize(min)
                .ofMaxSize(max).map(rest -> concat(("{" + name + "}").getBytes(StandardCharsets.US_ASCII), rest)));
    }

    @Provide
    Arbitrary<byte[]> responses() {
        Arbitrary<byte[]> randomFrame = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(RawUnixServer::frame);
        Arbitrary<byte[]> digestShaped = Arbitraries.oneOf(prefixed(0, 60),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(RawUnixServer::frame);
        return Arbitraries.oneOf(randomFrame, digestShaped, digestShaped, hostileFraming());
    }

    @Provide
    Arbitrary<byte[]> challenges() {
        Arbitrary<byte[]> randomFrame = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(RawUnixServer::frame);
        Arbitrary<byte[]> challenge = Arbitraries.oneOf(prefixed(0, 60), Arbitraries.bytes().array(byte[].class)
                .ofMaxSize(40)).map(m -> RawUnixServer.frame(concat(HandshakeModel.CHALLENGE, m)));
        Arbitrary<byte[]> verdict = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(20)
                .map(RawUnixServer::frame), Arbitraries.just("#FAILURE#".getBytes(StandardCharsets.US_ASCII))
                .map(RawUnixServer::frame), hostileFraming());
        Arbitrary<byte[]> challengeThenVerdict = challenge.flatMap(c -> verdict.map(v -> concat(c, v)));
        return Arbitraries.oneOf(randomFrame, challenge, challengeThenVerdict, challengeThenVerdict,
                hostileFraming());
    }

    /** Streams that break the framing: random bytes, oversized, huge, negative and cut frames. */
    private static Arbitrary<byte[]> hostileFraming() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
        Arbitrary<byte[]> oversized = Arbitraries.integers().between(257, 3000)
                .map(n -> RawUnixServer.frame(new byte[n]));
        Arbitrary<byte[]> announcedOnly = Arbitraries.longs().between(257, Long.MAX_VALUE)
                .map(n -> n <= Integer.MAX_VALUE ? ByteBuffer.allocate(4).putInt(n.intValue()).array()
                        : ByteBuffer.allocate(12).putInt(-1).putLong(n).array());
        Arbitrary<byte[]> negative = Arbitraries.integers().between(Integer.MIN_VALUE, -2)
                .map(n -> ByteBuffer.allocate(4).putInt(n).array());
        Arbitrary<byte[]> cut = Arbitraries.integers().between(1, 256).flatMap(n -> Arbitraries.integers()
                .between(0, n - 1).map(have -> ByteBuffer.allocate(4 + have).putInt(n).array()));
        return Arbitraries.oneOf(random, oversized, announcedOnly, negative, cut);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
