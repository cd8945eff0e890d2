package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueBrokenException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.pipe.internal.attach.AttachService;
import io.github.mp4j.queue.Await;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queue offers leave the attach service's registry once the owner closed the queue and no process is attached, and
 * a closed proxy is never what a later handle resolves to. Proxies attach over real sockets as another process does.
 */
@Timeout(60)
class QueueOfferEvictionTest {

    private static QueueHandle handle(SimpleQueue<?> q) {
        return ((SimpleQueueView<?>) q).backend().handle();
    }

    private static int offers() throws Exception {
        return AttachService.get().offerCount();
    }

    @Test
    void queueClosedInTheOwnerLeavesTheRegistryAndItsHandleFailsSayingSo() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        QueueHandle h = handle(q);
        assertThat(QueueAttacher.offered(h.queueId())).isTrue();
        q.close();
        assertThat(QueueAttacher.offered(h.queueId())).isFalse();
        Queue<String> late = Attach.remote(q);
        assertThatThrownBy(() -> late.put("x")).isExactlyInstanceOf(QueueBrokenException.class)
                .hasMessageContaining("cannot attach queue " + h.queueId() + " owned by " + LocalProcess.id()
                        + ": queue q" + h.queueId() + " is not offered by process " + LocalProcess.id()
                        + ": it was closed there or already attached in another process");
    }

    @Test
    void closedQueueStaysOfferedWhileAProcessIsAttachedAndLeavesWhenTheLastOneDoes() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        Queue<String> proxy = Attach.remote(q);
        proxy.put("attached");
        q.close();
        assertThat(QueueAttacher.offered(handle(q).queueId())).isTrue();
        Queue<String> joining = Attach.remote(q);
        assertThat(joining.get()).isEqualTo("attached");
        joining.close();
        proxy.close();
        Await.until(() -> !QueueAttacher.offered(handle(q).queueId()), "the offer to leave with the last session");
    }

    @Test
    void proxyClosedHereIsReplacedByAFreshOneForTheNextHandle() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        QueueHandle own = handle(q);
        // The same queue as another process receives it (not the owner, so a proxy is made).
        QueueHandle h = new QueueHandle(own.address(), own.authkey(), own.queueId(), own.kind(), own.maxsize(),
                own.serializer(), own.typePolicy(), own.maxFrameLength(), "1@elsewhere");
        HandleRules rules = HandleRules.receiving(own.serializer(), own.typePolicy(), own.maxFrameLength(), false,
                null);
        @SuppressWarnings("unchecked")
        Queue<String> first = (Queue<String>) QueueRegistry.resolve(h, rules);
        assertThat(QueueRegistry.resolve(h, rules)).isSameAs(first);
        first.put("one");
        first.close();
        @SuppressWarnings("unchecked")
        Queue<String> second = (Queue<String>) QueueRegistry.resolve(h, rules);
        assertThat(second).isNotSameAs(first);
        assertThat(((SimpleQueueView<?>) second).backend().isClosed()).isFalse();
        assertThat(second.get()).isEqualTo("one");
        second.close();
        q.close();
    }

    @Test
    void registryReturnsToItsSizeAfterManyAttachAndCloseCycles() throws Exception {
        // Offers of queues closed by earlier tests may still be leaving (their sessions end asynchronously), so
        // the registry's total is not compared; each queue of this test must leave it, and the total must not grow.
        int before = offers();
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Queue<Integer> q = QueueFactory.defaults().queue();
            Queue<Integer> proxy = Attach.remote(q);
            proxy.put(i);
            assertThat(q.get()).isEqualTo(i);
            ids.add(handle(q).queueId());
            proxy.close();
            q.close();
        }
        Await.until(() -> ids.stream().noneMatch(QueueAttacher::offered), "every closed queue to leave the registry");
        assertThat(offers()).isLessThanOrEqualTo(before);
    }
}
