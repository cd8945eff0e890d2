package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import java.net.StandardProtocolFamily;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The connection contract over a Unix-domain socket made by {@link Listener} and {@link Client}. */
class UnixListenerConnectionTest extends ConnectionContract {
    @TempDir
    Path dir;
    private int count;

    @Override
    protected Connection[] openPair(ConnectionOptions options) throws Exception {
        String address = dir.resolve("l" + (count++) + ".sock").toString();
        try (Listener listener = Listener.bind(options, address)) {
            Connection client = Client.connect(options, address);
            return new Connection[] {client, listener.accept()};
        }
    }

    @Override
    protected StandardProtocolFamily family() {
        return StandardProtocolFamily.UNIX;
    }
}
