package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.attach.PreDialed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A warm spare opens an authenticated channel to its parent's attach service while it waits, so that a taken spare
 * attaches its first handle without a connect and authkey handshake: the target reports how many of its attaches
 * used such a channel ({@link PreDialed#used()}, counted in the child).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SpareChannelTest {
    private static final Duration JOIN = Duration.ofSeconds(120);

    /**
     * Sends "attached" on the pipe end args[0] (its first use attaches it), then how many attaches in this JVM used a
     * pre-opened channel; waits for "quit".
     */
    static void reportChannelUse(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        c.send("attached");
        c.send(PreDialed.used());
        c.recv();
    }

    @Test
    void aTakenSpareAttachesItsFirstHandleOverTheChannelItOpenedWhileIdle() throws Exception {
        JvmProcess.Builder builder = JvmProcess.builder(SpareChannelTest::reportChannelUse).warmSpares(1)
                .jvmOptions("-Dmp4j.test.spares=channel");
        builder.prestartSpares();
        awaitIdle(builder);
        assertThat(channelUsesReported(builder)).isEqualTo(1);
    }

    @Test
    void aColdChildConnectsAndAuthenticatesAsBefore() throws Exception {
        assertThat(channelUsesReported(JvmProcess.builder(SpareChannelTest::reportChannelUse))).isEqualTo(0);
    }

    @Test
    void aSpareIdleLongerThanTheAttachRequestTimeoutStillHasAFreshChannel() throws Exception {
        JvmProcess.Builder builder = JvmProcess.builder(SpareChannelTest::reportChannelUse).warmSpares(1)
                .jvmOptions("-Dmp4j.test.spares=long-idle");
        builder.prestartSpares();
        awaitIdle(builder);
        // The parent's attach service waits 30 s for a request on a connection: the spare must have replaced its
        // channel meanwhile, else the attach would find it stale (and dial) or closed by the service.
        Thread.sleep(35_000); // the idle time under test, not synchronisation
        assertThat(channelUsesReported(builder)).isEqualTo(1);
    }

    private static int channelUsesReported(JvmProcess.Builder builder) throws Exception {
        try (Pipe pipe = Pipe.open(true); JvmProcess p = builder.args(pipe.second()).build()) {
            p.start();
            assertThat(pipe.first().recv()).isEqualTo("attached");
            int used = (Integer) pipe.first().recv();
            pipe.first().send("quit");
            assertThat(p.join(JOIN)).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            return used;
        }
    }

    private static void awaitIdle(JvmProcess.Builder builder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (builder.idleSpares() != 1) {
            assertThat(System.nanoTime()).as("an idle spare before the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
