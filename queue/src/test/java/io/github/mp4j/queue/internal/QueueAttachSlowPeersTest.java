package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.testkit.SlowPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attach service's accept loop, serving queues, is not held by peers that never authenticate: with 100 idle and
 * slow peers attached, a process with the key attaches and puts at once (before, each idle peer held the loop for
 * the 10 s handshake timeout, and 51 of them filled the backlog).
 */
class QueueAttachSlowPeersTest {

    @Test
    @Timeout(60)
    void processAttachesWhileAHundredIdleAndSlowPeersAreConnected() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        QueueHandle h = ((SimpleQueueView<?>) q).backend().handle();
        try (SlowPeers peers = SlowPeers.attach(SlowPeers.unix(h.address()), 50, 50)) {
            Queue<String> proxy = Attach.remote(q);
            proxy.put("past the slow peers");
            assertThat(q.get()).isEqualTo("past the slow peers");
            proxy.close();
        }
    }
}
