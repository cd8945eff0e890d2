package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.RingConnection;
import io.github.mp4j.pipe.internal.Waiting;
import java.net.StandardProtocolFamily;

/** The connection contract over the two ends of a duplex {@link Pipe} whose frames travel through shared-memory rings. */
class RingPipeConnectionTest extends ConnectionContract {
    @Override
    protected Connection[] openPair(ConnectionOptions options) throws Exception {
        Pipe pipe = Pipe.open(true, options.toBuilder().transport(Transport.SHARED_MEMORY).build());
        assertThat(Waiting.transportOf(pipe.first())).isInstanceOf(RingConnection.class);
        assertThat(Waiting.transportOf(pipe.second())).isInstanceOf(RingConnection.class);
        return new Connection[] {pipe.first(), pipe.second()};
    }

    @Override
    protected StandardProtocolFamily family() {
        return StandardProtocolFamily.UNIX;
    }
}
