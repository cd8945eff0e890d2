package io.github.mp4j.pipe;

import io.github.mp4j.Connection;
import java.net.StandardProtocolFamily;

/** The connection contract over the two ends of a duplex {@link Pipe}. */
class PipeConnectionTest extends ConnectionContract {
    @Override
    protected Connection[] openPair(ConnectionOptions options) throws Exception {
        Pipe pipe = Pipe.open(true, options);
        return new Connection[] {pipe.first(), pipe.second()};
    }

    @Override
    protected StandardProtocolFamily family() {
        return StandardProtocolFamily.UNIX;
    }
}
