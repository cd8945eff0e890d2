package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Feeds a real {@link SocketConnection} over a Unix socket with random, truncated, huge and negative-length
 * streams (whole frames, then a bad or cut tail, or plain random bytes) and compares what it delivers with
 * {@link FrameModel}: the same frames, then the same exception, within a bound in time and memory. After a bad
 * stream the connection is closed, and a healthy pipe in the same process still carries frames.
 */
class SocketConnectionFuzzTest {
    private static final long MAX_FRAME = 1 << 20;
    private static final Duration CASE_BOUND = Duration.ofSeconds(30);
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder().serializer("jdk")
            .typePolicy(TypePolicy.defaults()).maxFrameLength(MAX_FRAME).build();
    private static RawUnixServer server;
    private static Pipe healthy;

    @BeforeContainer
    static void open() throws IOException {
        server = new RawUnixServer();
        healthy = Pipe.open(true, OPTIONS);
    }

    @AfterContainer
    static void close() throws IOException {
        healthy.close();
        server.close();
    }

    /** What the connection delivered: frames (or decode failures' payloads), then how reading ended. */
    private static final class Delivered {
        final List<byte[]> frames = new ArrayList<>();
        Exception end;
        long allocated;
    }

    @Property(tries = 800)
    void anyStreamDeliversTheSpecifiedFramesThenTheSpecifiedError(@ForAll("streams") byte[] stream,
                                                                   @ForAll boolean asObjects) throws Exception {
        FrameModel.Outcome expected = FrameModel.read(stream, MAX_FRAME);
        SocketChannel[] pair = server.pair();
        try (SocketChannel raw = pair[0]; SocketConnection conn = new SocketConnection(pair[1], OPTIONS, true, true)) {
            server.writeThenEnd(raw, stream);
            Delivered got = assertTimeoutPreemptively(CASE_BOUND, () -> readAll(conn, asObjects),
                    () -> "reading a stream of " + stream.length + " bytes did not end within " + CASE_BOUND);

            assertThat(got.frames).hasSameSizeAs(expected.frames);
            for (int i = 0; i < got.frames.size(); i++) {
                assertThat(got.frames.get(i)).as("frame %d", i).isEqualTo(expected.frames.get(i));
            }
            assertThat(got.end).isExactlyInstanceOf(expected.end.getClass()).hasMessage(expected.end.getMessage());
            if (!(expected.end instanceof EOFException)) {
                assertThat(conn.isClosed()).as("connection closed after %s", got.end).isTrue();
            }
            assertThat(got.allocated).as("bytes allocated reading a %d-byte stream", stream.length)
                    .isLessThan(MAX_FRAME + 4L * stream.length + (1 << 20));
        }
        healthy.second().sendBytes(stream, 0, Math.min(stream.length, 64));
        assertThat(healthy.first().recvBytes()).hasSize(Math.min(stream.length, 64));
    }

    private static Delivered readAll(SocketConnection conn, boolean asObjects) {
        Delivered d = new Delivered();
        long before = Allocation.ofCurrentThread();
        for (;;) {
            try {
                if (asObjects) {
                    conn.recv();
                    d.frames.add(null);
                } else {
                    d.frames.add(conn.recvBytes());
                }
            } catch (DecodeException e) {
                d.frames.add(e.payload());
            } catch (IOException e) {
                d.end = e;
                d.allocated = Allocation.ofCurrentThread() - before;
                return d;
            }
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> framed = Arbitraries.oneOf(frame(), frame(), frame(), largeFrame()).list().ofMaxSize(5)
                .flatMap(frames -> tail().map(tail -> concat(frames, tail)));
        return Arbitraries.oneOf(random, framed, framed, framed);
    }

    private static Arbitrary<byte[]> frame() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).flatMap(p -> Arbitraries.of(true, false)
                .map(longHeader -> header(p.length, longHeader, p)));
    }

    private static Arbitrary<byte[]> largeFrame() {
        return Arbitraries.integers().between(60_000, 200_000).map(n -> {
            byte[] p = new byte[n];
            new java.util.Random(n).nextBytes(p);
            return header(n, false, p);
        }).withoutEdgeCases();
    }

    /** What ends the stream: nothing, random bytes, a cut header, a cut payload, a bad or oversized length. */
    private static Arbitrary<byte[]> tail() {
        Arbitrary<byte[]> nothing = Arbitraries.just(new byte[0]);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        Arbitrary<byte[]> cutHeader = Arbitraries.integers().between(1, 11).map(n ->
                java.util.Arrays.copyOf(ByteBuffer.allocate(12).putInt(-1).putLong(5).array(), n));
        Arbitrary<byte[]> cutPayload = Arbitraries.integers().between(1, (int) MAX_FRAME).flatMap(len ->
                Arbitraries.integers().between(0, Math.min(len - 1, 100_000))
                        .map(have -> header((long) len, false, new byte[have])));
        Arbitrary<byte[]> negative = Arbitraries.integers().between(Integer.MIN_VALUE, -2)
                .map(n -> ByteBuffer.allocate(4).putInt(n).array());
        Arbitrary<byte[]> negativeLong = Arbitraries.longs().between(Long.MIN_VALUE, -1)
                .map(n -> ByteBuffer.allocate(12).putInt(-1).putLong(n).array());
        Arbitrary<byte[]> huge = Arbitraries.longs().between(MAX_FRAME + 1, Long.MAX_VALUE)
                .flatMap(n -> Arbitraries.of(true, false).map(longHeader ->
                        header(n, n > Integer.MAX_VALUE || longHeader, new byte[0])));
        return Arbitraries.oneOf(nothing, random, cutHeader, cutPayload, negative, negativeLong, huge);
    }

    private static byte[] header(long length, boolean longHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate((longHeader ? 12 : 4) + payload.length);
        if (longHeader) {
            b.putInt(-1).putLong(length);
        } else {
            b.putInt((int) length);
        }
        return b.put(payload).array();
    }

    private static byte[] concat(List<byte[]> parts, byte[] tail) {
        int n = tail.length;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        parts.forEach(b::put);
        return b.put(tail).array();
    }

}
