package io.github.mp4j.queue.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.Connection;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.Attach;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attach service serving queues is reachable only by its owner's user and only with the key its handles carry:
 * the socket is 0600 in a 0700 directory; a peer with a wrong key, or with none that sends a HELLO naming the
 * queue, is refused; the server keeps serving attached processes and new ones with the key.
 */
@Timeout(60)
class AttachServiceQueueSecurityTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void socketIsOwnerOnlyAndPeersWithoutTheKeyAreRefusedWhileTheServerKeepsServing() throws Exception {
        Queue<String> q = QueueFactory.defaults().queue();
        Queue<String> attachedBefore = Attach.remote(q);
        attachedBefore.put("before");
        assertThat(q.get(LONG)).isEqualTo("before");
        QueueHandle handle = ((SimpleQueueView<?>) q).backend().handle();
        Path socket = Path.of(handle.address());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");

        assertThatThrownBy(() -> Client.connect(handle.address(), "wrong".getBytes(StandardCharsets.UTF_8)))
                .isExactlyInstanceOf(AuthenticationException.class).hasMessage("digest sent was rejected");

        try (Connection keyless = Client.connect(handle.address(), (byte[]) null)) {
            // HELLO(queueId) + a process id, as an attaching process sends it after the handshake.
            byte[] peer = "1@intruder".getBytes(StandardCharsets.UTF_8);
            keyless.sendBytes(ByteBuffer.allocate(5 + peer.length).put((byte) 1).putInt(handle.queueId()).put(peer)
                    .array());
            assertThat(new String(keyless.recvBytes(), StandardCharsets.US_ASCII)).startsWith("#CHALLENGE#");
            assertThat(new String(keyless.recvBytes(), StandardCharsets.US_ASCII)).isEqualTo("#FAILURE#");
            assertThatThrownBy(keyless::recvBytes).isExactlyInstanceOf(EOFException.class);
        }
        assertThat(q.qsize()).isZero();

        attachedBefore.put("from a peer attached before");
        assertThat(q.get(LONG)).isEqualTo("from a peer attached before");
        Queue<String> attachedAfter = Attach.remote(q);
        attachedAfter.put("from a peer attached after");
        assertThat(q.get(LONG)).isEqualTo("from a peer attached after");
    }
}
