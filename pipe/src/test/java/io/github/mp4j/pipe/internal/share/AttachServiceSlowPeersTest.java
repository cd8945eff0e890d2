package io.github.mp4j.pipe.internal.share;

import io.github.mp4j.spi.HandleRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.testkit.SlowPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attach service's accept loop is not held by peers that never authenticate: with 100 idle and slow peers
 * attached to it, a process that has the key attaches an exported end at once (before, each idle peer held the
 * loop for the 10 s handshake timeout).
 */
class AttachServiceSlowPeersTest {

    @Test
    @Timeout(60)
    void endIsAttachedWhileAHundredIdleAndSlowPeersAreConnected() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            PipeEndHandle handle = PipeEndAttacher.offer((PipeEnd) pipe.first());
            try (SlowPeers peers = SlowPeers.attach(SlowPeers.unix(handle.serverAddress()), 50, 50);
                 Connection attached = PipeEnd.fromHandle(handle, HandleRules.noContext())) {
                attached.send("past the slow peers");
                assertThat(pipe.second().recv()).isEqualTo("past the slow peers");
            }
        }
    }
}
