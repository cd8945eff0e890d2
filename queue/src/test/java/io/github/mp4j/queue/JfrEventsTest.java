package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.DecodeException;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK Flight Recorder events an operator reads ({@code jfr print --events 'mp4j.*'}): each one is committed with
 * the fields it promises when mp4j does the thing it names.
 */
@Timeout(120)
class JfrEventsTest {
    private static final List<String> EVENTS = List.of("mp4j.FrameSent", "mp4j.FrameReceived", "mp4j.QueuePut",
            "mp4j.QueueGet", "mp4j.DecodeFailed", "mp4j.HandshakeFailed", "mp4j.WorkerStarted", "mp4j.WorkerExited");

    private final List<RecordedEvent> seen = new CopyOnWriteArrayList<>();
    private RecordingStream stream;

    @TempDir
    Path dir;

    @BeforeEach
    void record() {
        stream = new RecordingStream();
        for (String name : EVENTS) {
            stream.enable(name);
            stream.onEvent(name, seen::add);
        }
        stream.setMaxAge(Duration.ofMinutes(5));
        stream.startAsync();
    }

    @AfterEach
    void stop() {
        stream.close();
    }

    private void awaitEvent(String name, Predicate<RecordedEvent> matching) throws InterruptedException {
        Await.until(() -> seen.stream().anyMatch(e -> e.getEventType().getName().equals(name) && matching.test(e)),
                "a " + name + " event matching the test's condition; seen: " + seen);
    }

    @Test
    void framesSentAndReceivedOnAPipeCarryTheirSizeAndTransport() throws Exception {
        try (Pipe pipe = QueueFactory.defaults().pipe(true)) {
            pipe.first().sendBytes(new byte[1234]);
            assertThat(pipe.second().recvBytes()).hasSize(1234);
        }
        awaitEvent("mp4j.FrameSent", e -> e.getLong("payloadBytes") == 1234 && "unix".equals(e.getString("transport"))
                && e.getString("connection").startsWith("SocketConnection["));
        awaitEvent("mp4j.FrameReceived", e -> e.getLong("payloadBytes") == 1234);
    }

    @Test
    void putAndGetAreTimedWithTheQueuesNameAndOutcome() throws Exception {
        Queue<Object> q = QueueFactory.defaults().queue("jfr-orders");
        q.put("item");
        assertThat(q.get()).isEqualTo("item");
        assertThatThrownBy(q::getNowait).isInstanceOf(io.github.mp4j.QueueEmptyException.class);
        awaitEvent("mp4j.QueuePut", e -> e.getString("queue").contains("\"jfr-orders\"")
                && "ok".equals(e.getString("outcome")));
        awaitEvent("mp4j.QueueGet", e -> e.getString("queue").contains("\"jfr-orders\"")
                && "ok".equals(e.getString("outcome")));
        awaitEvent("mp4j.QueueGet", e -> "QueueEmptyException".equals(e.getString("outcome")));
        q.close();
    }

    @Test
    void aDecodeFailureNamesTheSerializer() throws Exception {
        Queue<Object> q = QueueFactory.builder().serializer("jdk")
                .typePolicy(io.github.mp4j.TypePolicy.defaults().allowClasses(Unreadable.class.getName())).build().queue();
        q.put(new Unreadable());
        assertThatThrownBy(q::get).isInstanceOf(DecodeException.class);
        awaitEvent("mp4j.DecodeFailed", e -> "jdk".equals(e.getString("serializer"))
                && e.getString("message").contains(Unreadable.REFUSAL));
        q.close();
    }

    @Test
    void aFailedHandshakeNamesTheSideAndTheReason() throws Exception {
        String path = dir.resolve("l.sock").toString();
        try (Listener listener = Listener.bind(path, "right".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> Client.connect(path, "wrong".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AuthenticationException.class);
        }
        awaitEvent("mp4j.HandshakeFailed", e -> "connecting".equals(e.getString("side"))
                && e.getString("reason").contains("AuthenticationException"));
    }

    @Test
    void aWorkerStartAndItsExitCodeAreRecorded() throws Exception {
        JvmProcess p = new JvmProcess(JfrEventsTest::exitWithThree);
        p.start();
        assertThat(p.join(Duration.ofSeconds(60))).isTrue();
        long pid = p.pid();
        awaitEvent("mp4j.WorkerStarted", e -> e.getLong("pid") == pid && !e.getBoolean("spare"));
        awaitEvent("mp4j.WorkerExited", e -> e.getLong("pid") == pid && e.getInt("exitCode") == 3);
    }

    /** A child target: ends its JVM with exit code 3. */
    static void exitWithThree(Object... args) {
        System.exit(3);
    }
}
