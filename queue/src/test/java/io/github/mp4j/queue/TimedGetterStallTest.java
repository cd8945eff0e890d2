package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.process.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two consumer JVMs share a queue, one getting without a timeout, the other with 1 ms timeouts (each get a credit and,
 * mostly, a cancel the owner answers): each receives its end marker and together they receive every item. This found
 * a credit-count bug (fixed 2026-12-02): items that arrived while the timed consumer waited for a cancel's answer were
 * undone from its count, so after the other consumer left it waited for credits the owner did not hold and never got
 * the last item. {@link io.github.mp4j.queue.internal.remote.TimedGetCreditsTest} drives that race in one JVM.
 */
@Timeout(300)
class TimedGetterStallTest {
    @TempDir
    Path logs;
    private ChildJvms children;

    @BeforeEach
    void setUp() {
        children = new ChildJvms(logs);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        children.closeAll();
    }

    @SuppressWarnings("unchecked")
    static void untilEnd(Object... args) throws Exception {
        Queue<Integer> q = (Queue<Integer>) args[0];
        Queue<String> reports = (Queue<String>) args[1];
        boolean timed = (Boolean) args[2];
        int n = 0;
        for (;;) {
            Integer x;
            if (timed) {
                try {
                    x = q.get(Duration.ofMillis(1));
                } catch (QueueEmptyException e) {
                    continue;
                }
            } else {
                x = q.get();
            }
            if (x < 0) {
                break;
            }
            n++;
        }
        reports.put((timed ? "T" : "U") + "one " + n);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"SOCKET", "AUTO"})
    void everyConsumerGetsItsEndMarker(Transport transport) throws Exception {
        for (int round = 0; round < 5; round++) {
            QueueFactory f = QueueFactory.builder().transport(transport).serializer("kryo").build();
            Queue<Integer> q = f.queue();
            Queue<String> reports = f.queue();
            JvmProcess a = children.start(TimedGetterStallTest::untilEnd, q, reports, false);
            JvmProcess b = children.start(TimedGetterStallTest::untilEnd, q, reports, true);
            for (int i = 0; i < 300; i++) {
                q.put(i);
            }
            q.put(-1);
            q.put(-1);
            int total = 0;
            java.util.List<String> got = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                String r;
                try {
                    r = reports.get(Duration.ofSeconds(10));
                } catch (QueueEmptyException e) {
                    throw new AssertionError("round " + round + ": got " + got + "; qsize " + q.qsize()
                            + "; untimed alive " + a.isAlive() + ", timed alive " + b.isAlive()
                            + "; owner: waiting " + io.github.mp4j.queue.internal.Attach.waitingAtOwner(q)
                            + " attached " + io.github.mp4j.queue.internal.Attach.attachedAtOwner(q)
                            + " inFlight " + io.github.mp4j.queue.internal.Attach.inFlightAtOwner(q)
                            + " fences " + io.github.mp4j.queue.internal.Attach.fencesAtOwner(q));
                }
                got.add(r);
                total += Integer.parseInt(r.substring(5));
            }
            assertThat(total).as("round %d", round).isEqualTo(300);
            assertThat(a.join(Duration.ofSeconds(20))).isTrue();
            assertThat(b.join(Duration.ofSeconds(20))).isTrue();
            q.close();
            reports.close();
        }
    }
}
