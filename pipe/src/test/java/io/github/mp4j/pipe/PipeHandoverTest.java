package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.internal.Waiting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handing a pipe end over by serializing it, attached back in this same process through the attach service:
 * the same sockets and code paths a child process uses (the cross-process cases are in the process module).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeHandoverTest {

    static byte[] export(Connection end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(end);
        }
        return bytes.toByteArray();
    }

    static Connection imported(byte[] handle) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(handle))) {
            return (Connection) in.readObject();
        }
    }

    @Test
    void freshEndIsSplicedAndCarriesFramesSentBeforeAndAfterTheAttach() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            byte[] handle = export(p.second());
            p.first().send("sent before attach");
            try (Connection there = imported(handle)) {
                assertThat(there.recv()).isEqualTo("sent before attach");
                there.send("reply");
                assertThat(p.first().recv()).isEqualTo("reply");
                assertThat(Waiting.transportOf(p.first()).transportName()).isEqualTo("shm");
                assertThat(Waiting.transportOf(there).transportName()).isEqualTo("shm");
                p.first().sendBytes(new byte[] {1, 2, 3});
                assertThat(there.recvBytes()).containsExactly(1, 2, 3);
            }
            assertThatThrownBy(() -> p.first().recv()).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void endUsedBeforeHandOverIsRelayedInOrder() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            p.second().send("from second while local");
            p.first().send("to second, unread");
            byte[] handle = export(p.second());
            try (Connection there = imported(handle)) {
                assertThat(there.recv()).isEqualTo("to second, unread");
                there.send("from the attached end");
                assertThat(p.first().recv()).isEqualTo("from second while local");
                assertThat(p.first().recv()).isEqualTo("from the attached end");
                assertThat(Waiting.transportOf(there).transportName()).isEqualTo("shm");
                assertThat(Waiting.transportOf(p.first()).transportName()).isEqualTo("unix");
            }
        }
    }

    @Test
    void usingAnEndHereAfterHandingItOverIsRefused() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            export(p.second());
            assertThatThrownBy(() -> p.second().send("x")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("this connection end was handed to another process and can no longer be used here;"
                            + " use it in that process (a Connection end is used by one process at a time)");
            p.second().close();
            assertThat(p.second().isClosed()).isTrue();
        }
    }

    @Test
    void handingOverTheSameEndTwiceIsRefused() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            export(p.second());
            assertThatThrownBy(() -> export(p.second())).isInstanceOf(InvalidObjectException.class)
                    .hasMessage("this connection end was already handed to another process; a Connection end can"
                            + " be used by one process at a time");
        }
    }

    @Test
    void secondAttachOfOneHandleIsRefusedNamingTheFirstProcess() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            byte[] handle = export(p.second());
            try (Connection first = imported(handle); Connection second = imported(handle)) {
                p.first().send("hello");
                assertThat(first.recv()).isEqualTo("hello");
                assertThatThrownBy(second::recv).isInstanceOf(IOException.class)
                        .hasMessageStartingWith("cannot attach the pipe end handed over by process ")
                        .hasMessageEndingWith(": it was closed there or already attached in another process");
            }
        }
    }

    @Test
    void peerBlockedInRecvDuringTheSpliceReceivesFromTheAttachedEnd() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            TestThreads.Started<Object> blocked = TestThreads.start("blocked-in-recv", () -> p.first().recv());
            // The splice must happen while the peer is already blocked receiving on its old socket.
            TestThreads.awaitBlockedInSelect(blocked.thread);
            try (Connection there = imported(export(p.second()))) {
                there.send("wake up");
                assertThat(blocked.get()).isEqualTo("wake up");
            }
        }
    }

    @Test
    void peerClosedBeforeTheAttachLeavesItsFramesThenEndOfStream() throws Exception {
        try (Pipe p = Pipe.open(true)) {
            byte[] handle = export(p.second());
            p.first().send("last words");
            p.first().close();
            try (Connection there = imported(handle)) {
                assertThat(there.recv()).isEqualTo("last words");
                assertThatThrownBy(there::recv).isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void simplexReadEndKeepsItsDirectionAfterHandOver() throws Exception {
        try (Pipe p = Pipe.open(false)) {
            try (Connection reader = imported(export(p.first()))) {
                p.second().send("one way");
                assertThat(reader.recv()).isEqualTo("one way");
                assertThat(reader.isWritable()).isFalse();
                assertThatThrownBy(() -> reader.send("back")).isInstanceOf(IllegalStateException.class)
                        .hasMessage("connection is read-only");
            }
        }
    }

    @Test
    void optionsTravelWithTheHandle() throws Exception {
        ConnectionOptions o = ConnectionOptions.builder().maxFrameLength(1024).build();
        try (Pipe p = Pipe.open(true, o)) {
            try (Connection there = imported(export(p.second()))) {
                p.first().sendBytes(new byte[2048]);
                assertThatThrownBy(there::recvBytes).isInstanceOf(io.github.mp4j.FrameTooLargeException.class)
                        .hasMessageStartingWith("frame length 2048 exceeds maxFrameLength=1024");
            }
        }
    }
}
