package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.ConnectionClosedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PipeTest {
    @TempDir
    Path dir;

    @Test
    void simplexPipeReadsOnFirstAndWritesOnSecondInCPythonOrder() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            assertThat(pipe.first().isReadable()).isTrue();
            assertThat(pipe.first().isWritable()).isFalse();
            assertThat(pipe.second().isReadable()).isFalse();
            assertThat(pipe.second().isWritable()).isTrue();
            pipe.second().sendBytes("w".getBytes());
            assertThat(pipe.first().recvBytes()).isEqualTo("w".getBytes());
        }
    }

    @Test
    void simplexEndsRefuseTheWrongDirection() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            assertThatThrownBy(() -> pipe.first().sendBytes(new byte[1]))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("connection is read-only");
            assertThatThrownBy(() -> pipe.first().send("x"))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("connection is read-only");
            assertThatThrownBy(() -> pipe.second().recvBytes())
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("connection is write-only");
            assertThatThrownBy(() -> pipe.second().recv())
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("connection is write-only");
            assertThatThrownBy(() -> pipe.second().poll())
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("connection is write-only");
        }
    }

    @Test
    void readOnlyEndClosesOnBadMessageLengthAsCPython() throws Exception {
        try (Pipe pipe = Pipe.open(false)) {
            pipe.second().sendBytes(new byte[10]);
            assertThatThrownBy(() -> pipe.first().recvBytes(3)).hasMessage("bad message length");
            assertThat(pipe.first().isClosed()).isTrue();
            assertThatThrownBy(() -> pipe.first().recvBytes()).isExactlyInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void duplexPipeEndsBothSendAndReceive() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            assertThat(pipe.first().isReadable() && pipe.first().isWritable()).isTrue();
            assertThat(pipe.second().isReadable() && pipe.second().isWritable()).isTrue();
            pipe.first().send("to second");
            pipe.second().send("to first");
            assertThat(pipe.second().recv()).isEqualTo("to second");
            assertThat(pipe.first().recv()).isEqualTo("to first");
        }
    }

    @Test
    void closingThePipeClosesBothEnds() throws Exception {
        Pipe pipe = Pipe.open(true);
        pipe.close();
        pipe.close();
        assertThat(pipe.first().isClosed()).isTrue();
        assertThat(pipe.second().isClosed()).isTrue();
    }

    @Test
    void pipeLeavesNoSocketFileBehind() throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().socketDirectory(dir).build();
        try (Pipe pipe = Pipe.open(true, options)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
            pipe.first().sendBytes(new byte[] {1});
            assertThat(pipe.second().recvBytes()).containsExactly(1);
        }
    }
}
