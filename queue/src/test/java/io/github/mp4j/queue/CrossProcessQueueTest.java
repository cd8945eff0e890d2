package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.queue.internal.Attach;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Queues shared with real child JVMs: ports of CPython's test_fork and test_task_done, and the article's demo. */
@Timeout(120)
class CrossProcessQueueTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private final List<JvmProcess> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(JvmProcess::close);
    }

    @TempDir
    Path logs;

    private JvmProcess start(ProcessTarget target, Object... args) {
        JvmProcess p = JvmProcess.builder(target).args(args)
                .redirectError(ProcessBuilder.Redirect.to(logs.resolve("child" + children.size() + ".err").toFile()))
                .build();
        children.add(p);
        p.start();
        return p;
    }

    private void assertExitedCleanly(JvmProcess p) throws Exception {
        assertThat(p.join(LONG)).as("%s ended", p.name()).isTrue();
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitCode()).as("exit code of %s, whose stderr was:%n%s", p.name(),
                Files.readString(logs.resolve("child" + children.indexOf(p) + ".err"))).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void itemsFromParentAndChildArriveInPutOrder(String serializer) throws Exception {
        Queue<Integer> q = QueueFactory.builder().serializer(serializer).build().queue();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        JvmProcess child = start(QueueChildren::putTenToNineteen, q);
        for (int i = 0; i < 20; i++) {
            assertThat(q.get(LONG)).isEqualTo(i);
        }
        assertExitedCleanly(child);
        assertThat(q.qsize()).isZero();
    }

    @Test
    void fourWorkerJvmsFinishEveryTaskAndJoinReturns() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        JoinableQueue<Integer> tasks = f.joinableQueue();
        SimpleQueue<Integer> results = f.simpleQueue();
        List<JvmProcess> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(start(QueueChildren::squareWorker, tasks, results));
        }
        for (int i = 0; i < 10; i++) {
            tasks.put(i);
        }
        assertThat(tasks.join(LONG)).isTrue();
        List<Integer> squares = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            squares.add(results.get());
        }
        assertThat(squares).containsExactlyInAnyOrder(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        for (int i = 0; i < 4; i++) {
            tasks.put(null);
        }
        for (JvmProcess w : workers) {
            assertExitedCleanly(w);
        }
        assertThat(results.empty()).isTrue();
    }

    @Test
    void articleDemoChildPrintsMessagesUntilQuit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("child.out");
        Queue<String> q = QueueFactory.defaults().queue();
        JvmProcess child = JvmProcess.builder(QueueChildren::printUntilQuit).args(q)
                .redirectOutput(ProcessBuilder.Redirect.to(out.toFile())).build();
        children.add(child);
        child.start();
        q.put("helloworld");
        q.put("testmsg");
        q.put("quit");
        assertThat(child.join(LONG)).isTrue();
        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).hasValue(0);
        assertThat(Files.readAllLines(out)).containsExactly("helloworld", "testmsg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void queueSentInsideAMessageWorksInTheChild(String serializer) throws Exception {
        QueueFactory f = QueueFactory.builder().serializer(serializer).build();
        Queue<Object> carrier = f.queue();
        Queue<String> passed = f.queue();
        JvmProcess child = start(QueueChildren::useQueueFromMessage, carrier);
        carrier.put(passed);
        assertThat(passed.get(LONG)).isEqualTo("via message");
        assertExitedCleanly(child);
    }

    @Test
    void handleDeserializedInTheOwnerIsTheOwnersQueue() throws Exception {
        Queue<Object> carrier = QueueFactory.defaults().queue();
        Queue<String> q = QueueFactory.defaults().queue();
        carrier.put(q);
        assertThat(carrier.get()).isSameAs(q);
        assertThat(Attach.describe(q)).startsWith("queue ");
    }
}
