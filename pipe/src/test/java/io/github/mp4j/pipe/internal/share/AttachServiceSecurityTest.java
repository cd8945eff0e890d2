package io.github.mp4j.pipe.internal.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.spi.HandleRules;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attach service is reachable only by its owner's user and only with its key: its socket is 0600 in a 0700
 * directory, a peer with a wrong key or no key (even one that knows an end's token) is refused, and the server
 * goes on handing ends to peers that have the key.
 */
@Timeout(60)
class AttachServiceSecurityTest {

    @Test
    void socketIsOwnerOnlyAndPeersWithoutTheKeyAreRefusedWhileTheServerKeepsServing() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            PipeEndHandle handle = PipeEndAttacher.offer((PipeEnd) pipe.first());
            Path socket = Path.of(handle.serverAddress());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");

            assertThatThrownBy(() -> Client.connect(handle.serverAddress(), "wrong".getBytes(StandardCharsets.UTF_8)))
                    .isExactlyInstanceOf(AuthenticationException.class).hasMessage("digest sent was rejected");

            try (Connection keyless = Client.connect(handle.serverAddress(), (byte[]) null)) {
                String attach = "ATTACH " + PipeEndAttacher.KIND + " " + handle.token() + " 1@intruder";
                keyless.sendBytes(attach.getBytes(StandardCharsets.UTF_8));
                assertThat(new String(keyless.recvBytes(), StandardCharsets.US_ASCII)).startsWith("#CHALLENGE#");
                assertThat(new String(keyless.recvBytes(), StandardCharsets.US_ASCII)).isEqualTo("#FAILURE#");
                assertThatThrownBy(keyless::recvBytes).isExactlyInstanceOf(EOFException.class);
            }

            try (Connection attached = PipeEnd.fromHandle(handle, HandleRules.noContext())) {
                attached.send("after the intruders");
                assertThat(pipe.second().recv()).isEqualTo("after the intruders");
            }
        }
    }
}
