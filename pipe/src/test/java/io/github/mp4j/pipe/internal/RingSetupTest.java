package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.pipe.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link RingSetup}'s choice of transport, and what happens when the ring file cannot be made. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RingSetupTest {
    @TempDir
    Path tmp;

    private final Pipe pipe;
    private final AbstractConnection creator;
    private final AbstractConnection joiner;

    RingSetupTest() throws IOException {
        pipe = Pipe.open(true);
        creator = Waiting.transportOf(pipe.first());
        joiner = Waiting.transportOf(pipe.second());
    }

    @AfterEach
    void close() throws IOException {
        pipe.close();
    }

    private CompletableFuture<AbstractConnection> create(Transport mine, boolean autoRings, Path dir) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RingSetup.create(creator, mine, autoRings, dir, Deadline.after(Duration.ofSeconds(30)));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, r -> new Thread(r, "ring-setup-creator").start());
    }

    private AbstractConnection join(Transport wanted) throws IOException {
        return RingSetup.join(joiner, wanted, Deadline.after(Duration.ofSeconds(30)));
    }

    @Test
    void anUnusableDirectoryFallsBackToTheSocketUnderAuto() throws Exception {
        CompletableFuture<AbstractConnection> created = create(Transport.AUTO, true, tmp.resolve("missing"));
        assertThat(join(Transport.AUTO)).isSameAs(joiner);
        assertThat(created.get()).isSameAs(creator);
        joiner.sendBytes(new byte[] {1, 2});
        assertThat(creator.recvBytes()).containsExactly(1, 2);
    }

    @Test
    void anUnusableDirectoryFailsTheConnectionWhenSharedMemoryIsRequired() throws Exception {
        Path missing = tmp.resolve("missing");
        CompletableFuture<AbstractConnection> created = create(Transport.AUTO, true, missing);
        assertThatThrownBy(() -> join(Transport.SHARED_MEMORY)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("shared memory was required, but the peer could not set it up: cannot create"
                        + " shared ring file " + missing.resolve("ring-"));
        assertThatThrownBy(created::get).isExactlyInstanceOf(ExecutionException.class).cause()
                .isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("shared memory was required, but the ring file cannot be made: cannot"
                        + " create shared ring file " + missing.resolve("ring-"));
        assertThat(joiner.isClosed()).isTrue();
        assertThat(creator.isClosed()).isTrue();
    }

    @Test
    void eitherEndChoosingSocketKeepsTheSocket() throws Exception {
        CompletableFuture<AbstractConnection> created = create(Transport.SHARED_MEMORY, true, tmp);
        // The creator asks for shared memory, the joiner for the socket: SOCKET wins on both sides.
        assertThat(join(Transport.SOCKET)).isSameAs(joiner);
        assertThat(created.get()).isSameAs(creator);
    }

    @Test
    void aJoinerRequiringSharedMemoryFailsWhenTheCreatorKeepsTheSocket() throws Exception {
        CompletableFuture<AbstractConnection> created = create(Transport.SOCKET, true, tmp);
        assertThatThrownBy(() -> join(Transport.SHARED_MEMORY)).isExactlyInstanceOf(IOException.class)
                .hasMessage("shared memory was required, but the peer keeps the socket");
        assertThat(created.get()).isSameAs(creator);
    }

    @Test
    void bothAutoWhereTheKindKeepsTheSocketStayOnTheSocket() throws Exception {
        CompletableFuture<AbstractConnection> created = create(Transport.AUTO, false, tmp);
        assertThat(join(Transport.AUTO)).isSameAs(joiner);
        assertThat(created.get()).isSameAs(creator);
    }

    @Test
    void bothAutoSwitchToRingsAndTheFileIsGone() throws Exception {
        CompletableFuture<AbstractConnection> created = create(Transport.AUTO, true, tmp);
        AbstractConnection joined = join(Transport.AUTO);
        AbstractConnection made = created.get();
        assertThat(joined).isInstanceOf(RingConnection.class);
        assertThat(made).isInstanceOf(RingConnection.class);
        assertThat(((RingConnection) made).ringEnd().file().path()).doesNotExist();
        joined.sendBytes(new byte[] {9});
        assertThat(made.recvBytes()).containsExactly(9);
        made.close();
        joined.close();
    }
}
