package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.pipe.internal.Waiting;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What carries a pipe end handed to a child JVM: shared-memory rings under {@link Transport#AUTO} (the parent's
 * peer end is spliced onto the child's ring connection), the socket under {@link Transport#SOCKET}; either way
 * frames sent before the child attached arrive first, in order, and frames flow both ways.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HandedPipeTransportTest {
    private static final Duration JOIN = Duration.ofSeconds(60);
    private static final int BEFORE_ATTACH = 50;

    /** Sends back every byte frame with its first byte incremented, until an empty frame. */
    static void echoBytes(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        for (byte[] b = c.recvBytes(); b.length > 0; b = c.recvBytes()) {
            b[0]++;
            c.sendBytes(b);
        }
    }

    @Test
    void handedEndUnderAutoEndsUpOnRingsAndCarriesFramesSentBeforeTheAttach() throws Exception {
        assertThat(exchange(ConnectionOptions.defaults())).isEqualTo("shm");
    }

    @Test
    void handedEndUnderSocketStaysOnTheUnixSocket() throws Exception {
        assertThat(exchange(ConnectionOptions.builder().transport(Transport.SOCKET).build())).isEqualTo("unix");
    }

    /**
     * Hands the second end of a pipe opened with {@code options} to an echoing child, with frames already sent
     * to it before the child starts; checks every echo in order, then returns the transport of the parent's end.
     */
    private static String exchange(ConnectionOptions options) throws Exception {
        try (Pipe pipe = Pipe.open(true, options)) {
            Connection here = pipe.first();
            for (int i = 0; i < BEFORE_ATTACH; i++) {
                here.sendBytes(frame(i, 100 + i));
            }
            here.sendBytes(frame(BEFORE_ATTACH, 300_000));
            JvmProcess child = new JvmProcess(HandedPipeTransportTest::echoBytes, pipe.second());
            child.start();
            pipe.second().close();
            for (int i = 0; i < BEFORE_ATTACH; i++) {
                assertThat(here.recvBytes()).isEqualTo(echoed(frame(i, 100 + i)));
            }
            assertThat(here.recvBytes()).isEqualTo(echoed(frame(BEFORE_ATTACH, 300_000)));
            String transport = Waiting.transportOf(here).transportName();
            for (int i = 0; i < 20; i++) {
                byte[] f = frame(i, i % 2 == 0 ? 10 : 3 * 1024 * 1024);
                here.sendBytes(f);
                assertThat(here.recvBytes()).isEqualTo(echoed(f));
            }
            here.sendBytes(new byte[0]);
            assertThat(child.join(JOIN)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThatThrownBy(here::recvBytes).isInstanceOf(EOFException.class);
            return transport;
        }
    }

    private static byte[] frame(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static byte[] echoed(byte[] f) {
        byte[] e = Arrays.copyOf(f, f.length);
        e[0]++;
        return e;
    }
}
