package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.process.JvmProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In a child JVM, a queue proxy that was closed is not what a later handle of the same queue resolves to: the
 * second handle attaches a fresh proxy that works.
 */
@Timeout(120)
class ProxyCacheInChildTest extends ChildJvmTest {

    /** Puts on args[0] and closes it, then takes a second handle of it from args[1] and reports on args[2]. */
    @SuppressWarnings("unchecked")
    static void closeThenTakeTheQueueAgain(Object... args) throws Exception {
        Queue<String> q = (Queue<String>) args[0];
        SimpleQueue<Object> handles = (SimpleQueue<Object>) args[1];
        Queue<String> results = (Queue<String>) args[2];
        q.put("before close");
        q.close();
        Queue<String> again = (Queue<String>) handles.get();
        results.put(again == q ? "the closed proxy again" : "a fresh proxy");
        again.put("through the fresh proxy");
        results.put("done");
    }

    @Test
    void secondHandleOfAQueueWhoseProxyWasClosedAttachesAFreshProxy() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        Queue<String> q = f.queue();
        SimpleQueue<Object> handles = f.simpleQueue();
        Queue<String> results = f.queue();
        JvmProcess child = start(ProxyCacheInChildTest::closeThenTakeTheQueueAgain, q, handles, results);
        assertThat(q.get(LONG)).isEqualTo("before close");
        handles.put(q);
        assertThat(results.get(LONG)).isEqualTo("a fresh proxy");
        assertThat(q.get(LONG)).isEqualTo("through the fresh proxy");
        assertThat(results.get(LONG)).isEqualTo("done");
        assertThat(child.join(LONG)).isTrue();
        assertThat(child.exitCode()).hasValue(0);
    }
}
