package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SocketFilesAtExitTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void socketFilesAndPrivateDirectoryAreRemovedWhenTheJvmExits() throws Exception {
        Path socket = dir.resolve("left-open.sock");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SocketFilesExitProbe.class.getName(),
                socket.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(socket.toString());
        assertThat(Files.exists(socket)).as("listener socket file left open at exit").isFalse();
        Path privateDir = Path.of(lines.get(1));
        assertThat(privateDir.getFileName().toString()).startsWith("mp4j-");
        assertThat(Files.exists(privateDir)).as("private socket directory").isFalse();
    }
}
