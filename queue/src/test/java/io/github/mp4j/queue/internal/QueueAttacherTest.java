package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.Connection;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.queue.Await;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import java.io.EOFException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The owner's queue attach against misbehaving peers, and how the owner and a proxy share a queue. */
@Timeout(60)
class QueueAttacherTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static QueueHandle handle(Queue<?> q) {
        return ((SimpleQueueView<?>) q).backend().handle();
    }

    private static Connection attachRaw(QueueHandle h, int queueId) throws Exception {
        Connection c = QueueAttacher.connect(io.github.mp4j.pipe.ConnectionOptions.builder().authkey(h.authkey())
                .build(), h, "test");
        byte[] hello = Wire.message(Wire.HELLO, queueId);
        c.sendBytes(hello);
        return c;
    }

    /** {@link #attachRaw} for a known queue, reading the owner's first answer: the session page's path. */
    private static Connection attachRawToPage(QueueHandle h) throws Exception {
        Connection c = attachRaw(h, h.queueId());
        byte[] page = c.recvBytes();
        assertThat(Wire.op(page)).isEqualTo(Wire.PAGE);
        assertThat(Wire.text(page)).startsWith(io.github.mp4j.pipe.ConnectionOptions.defaults().socketDirectory()
                .resolve("q" + ProcessHandle.current().pid() + "-s").toString());
        return c;
    }

    @Test
    void malformedMessageClosesOnlyThatConnection() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        Queue<String> proxy = Attach.remote(q);
        proxy.put("kept");
        try (Connection bad = attachRawToPage(handle(q))) {
            bad.sendBytes(new byte[] {99, 0, 0, 0, 0});
            assertThatThrownBy(bad::recvBytes).isInstanceOf(EOFException.class);
        }
        assertThat(proxy.qsize()).isEqualTo(1);
        assertThat(proxy.get()).isEqualTo("kept");
        proxy.close();
    }

    @Test
    void helloNamingAnotherQueueThanTheAttachedOneIsAnsweredAndClosed() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        try (Connection c = attachRaw(handle(q), 987654)) {
            byte[] reply = c.recvBytes();
            assertThat(Wire.op(reply)).isEqualTo(Wire.REPLY);
            assertThat(Wire.replyStatus(reply)).isEqualTo(Wire.UNKNOWN_QUEUE);
            assertThat(Wire.replyValue(reply)).isEqualTo(987654);
            assertThatThrownBy(c::recvBytes).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void wrongAuthkeyIsRefusedAndTheServerKeepsServing() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        QueueHandle h = handle(q);
        assertThatThrownBy(() -> Client.connect(h.address(), new byte[32]))
                .isInstanceOf(AuthenticationException.class);
        Queue<String> proxy = Attach.remote(q);
        proxy.put("after");
        assertThat(q.get()).isEqualTo("after");
        proxy.close();
    }

    @Test
    void ownerCloseEndsOnlyTheOwnersOwnUse() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        Queue<String> proxy = Attach.remote(q);
        q.put("x");
        assertThat(proxy.qsize()).isEqualTo(1); // attached before the owner closes: its session stays
        q.close();
        proxy.put("y");
        assertThat(proxy.get()).isEqualTo("x");
        assertThat(proxy.get()).isEqualTo("y");
        proxy.close();
    }

    @Test
    void itemsPrefetchedByAProxyGoBackToTheFrontWhenItCloses() throws Exception {
        Queue<Integer> q = QueueFactory.defaults().queue();
        Queue<Integer> proxy = Attach.remote(q);
        for (int i = 0; i < 2000; i++) {
            q.put(i);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(proxy.get()).isEqualTo(i);
        }
        // Returned items are counted in shared memory: the owner's count is exact before the proxy even closes.
        assertThat(q.qsize()).isEqualTo(1000);
        proxy.close();
        // The prefetched items go back to the front once the owner has seen the connection end.
        Await.until(() -> {
            assertThat(q.qsize()).isEqualTo(1000);
            return Attach.attachedAtOwner(q) == 0;
        }, "the owner to see the proxy's connection end");
        assertThat(q.qsize()).isEqualTo(1000);
        for (int i = 1000; i < 2000; i++) {
            assertThat(q.get(Duration.ofSeconds(30))).isEqualTo(i);
        }
    }

    @Test
    void ownerAndProxyGettersAreServedInArrivalOrder() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        Queue<String> proxy = Attach.remote(q);
        Future<String> local = threads.submit(() -> q.get());
        Await.until(() -> Attach.waitingAtOwner(q) >= 1, "the local getter at the owner");
        Future<String> remote = threads.submit(() -> proxy.get());
        Await.until(() -> Attach.waitingAtOwner(q) >= 2, "the proxy's getter at the owner");
        q.put("first");
        q.put("second");
        assertThat(local.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(remote.get(30, TimeUnit.SECONDS)).isEqualTo("second");
        proxy.close();
    }
}
