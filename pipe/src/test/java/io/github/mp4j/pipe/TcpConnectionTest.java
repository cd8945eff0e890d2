package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;

/** The connection contract over TCP loopback, authenticated with an authkey. */
class TcpConnectionTest extends ConnectionContract {
    @Override
    protected Connection[] openPair(ConnectionOptions options) throws Exception {
        ConnectionOptions keyed = options.toBuilder().authkey("tcp-key".getBytes(StandardCharsets.UTF_8)).build();
        try (Listener listener = Listener.bind(keyed, "localhost:0")) {
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            Connection client = Client.connect(keyed, listener.address());
            return new Connection[] {client, accepted.get()};
        }
    }

    @Override
    protected StandardProtocolFamily family() {
        return StandardProtocolFamily.INET;
    }
}
