package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.testkit.SlowPeers;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unauthenticated peers cannot hold up {@link Listener#accept()}: with 50 idle and 50 slow (one byte per second)
 * peers attached, more than {@link Listener#MAX_PENDING_HANDSHAKES}, an honest client is accepted well within
 * one handshake timeout (10 s) per peer. Before handshakes ran off the accept thread, each idle peer held accept
 * for the whole handshake timeout, so the honest client waited for 100 x 10 s.
 */
class AcceptUnderSlowPeersTest {
    private static final byte[] KEY = "slow-peers".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unix", "tcp"})
    @Timeout(60)
    void honestClientIsAcceptedWhileAHundredIdleAndSlowPeersAreAttached(String transport) throws Exception {
        String address = transport.equals("unix") ? dir.resolve("slow.sock").toString() : "localhost:0";
        try (Listener listener = Listener.bind(address, KEY)) {
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            try (SlowPeers peers = SlowPeers.attach(socketAddress(listener.address(), transport), 50, 50);
                 Connection client = Client.connect(listener.address(), KEY);
                 Connection server = accepted.get()) {
                client.send("through");
                assertThat(server.recv()).isEqualTo("through");
            }
        }
    }

    private static SocketAddress socketAddress(String address, String transport) {
        if (transport.equals("unix")) {
            return SlowPeers.unix(address);
        }
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }
}
