package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.Transport;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A payload that already sits whole in the ring is received into its final array at once: the receiver allocates
 * the payload's size, not a first {@link PayloadGrowth#FIRST} array it then copies into a larger one.
 */
@Timeout(60)
class RingPayloadAllocationTest {
    private static final int PAYLOAD = 768 * 1024;

    @Test
    void aPayloadWhollyInTheRingIsReceivedWithoutGrowingItsArray() throws Exception {
        Pipe pipe = Pipe.open(true, ConnectionOptions.defaults().toBuilder().transport(Transport.SHARED_MEMORY)
                .build());
        try (Connection a = pipe.first(); Connection b = pipe.second()) {
            byte[] payload = new byte[PAYLOAD];
            new Random(5).nextBytes(payload);
            a.sendBytes(payload);
            assertThat(b.recvBytes()).isEqualTo(payload); // warm-up: classes, JFR set-up, buffers
            a.sendBytes(payload); // all of it is in the ring before the receive starts
            long before = Allocation.ofCurrentThread();
            byte[] got = b.recvBytes();
            long allocated = Allocation.ofCurrentThread() - before;
            assertThat(got).isEqualTo(payload);
            assertThat(allocated).as("bytes allocated receiving a %d-byte payload already in the ring", PAYLOAD)
                    .isLessThan(PAYLOAD + PayloadGrowth.FIRST / 4);
        }
    }
}
