package io.github.mp4j.pipe.internal.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.internal.attach.AttachService;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Offers of pipe ends leave the attach service's registry: at the first attach, or when the whole pipe is closed
 * here before anyone attached (then the handle fails saying so); closing only the handed end keeps the offer.
 */
@Timeout(60)
class PipeEndOfferEvictionTest {

    private static int offers() throws IOException {
        return AttachService.get().offerCount();
    }

    @Test
    void attachedEndLeavesTheRegistry() throws Exception {
        int before = offers();
        try (Pipe p = Pipe.open(true)) {
            PipeEndHandle handle = PipeEndAttacher.offer((PipeEnd) p.second());
            assertThat(offers()).isEqualTo(before + 1);
            try (Connection there = PipeEnd.fromHandle(handle, HandleRules.noContext())) {
                there.send("attached");
                assertThat(p.first().recv()).isEqualTo("attached");
            }
            assertThat(AttachService.get().offered(PipeEndAttacher.KIND, handle.token())).isNull();
            assertThat(offers()).isEqualTo(before);
        }
    }

    @Test
    void endOfAPipeClosedHereBeforeTheAttachFailsSayingSo() throws Exception {
        int before = offers();
        Pipe p = Pipe.open(true);
        PipeEndHandle handle = PipeEndAttacher.offer((PipeEnd) p.second());
        p.close();
        assertThat(offers()).isEqualTo(before);
        try (Connection there = PipeEnd.fromHandle(handle, HandleRules.noContext())) {
            assertThatThrownBy(there::recv).isExactlyInstanceOf(IOException.class)
                    .hasMessage("cannot attach the pipe end handed over by process " + LocalProcess.id()
                            + ": pipe-end " + handle.token() + " is not offered by process " + LocalProcess.id()
                            + ": it was closed there or already attached in another process");
        }
    }

    @Test
    void closingOnlyTheHandedEndKeepsTheOfferForTheProcessItWentTo() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            PipeEndHandle handle = PipeEndAttacher.offer((PipeEnd) p.second());
            p.second().close(); // the parent's copy, as in Python
            try (Connection there = PipeEnd.fromHandle(handle, HandleRules.noContext())) {
                p.first().send("still reachable");
                assertThat(there.recv()).isEqualTo("still reachable");
            }
        }
    }

    @Test
    void registryReturnsToItsSizeAfterManyOfferAttachAndCloseCycles() throws Exception {
        int before = offers();
        for (int i = 0; i < 50; i++) {
            try (Pipe p = Pipe.open(true)) {
                PipeEndHandle handle = PipeEndAttacher.offer((PipeEnd) p.second());
                if (i % 2 == 0) {
                    try (Connection there = PipeEnd.fromHandle(handle, HandleRules.noContext())) {
                        there.send(i);
                        assertThat(p.first().recv()).isEqualTo(i);
                    }
                }
            }
        }
        assertThat(offers()).isEqualTo(before);
    }
}
