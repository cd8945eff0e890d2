package io.github.mp4j.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChildMainTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startedByHandWithoutALaunchSpecItExitsWithOneAndSaysWhy() throws Exception {
        Process child = new ProcessBuilder(JavaCommand.ofThisJvm().command(List.of())).redirectErrorStream(true)
                .start();
        child.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).isEqualTo(ChildMain.FAILURE_EXIT_CODE);
        assertThat(out).contains("SEVERE: mp4j child JVM pid " + child.pid()
                + " cannot read its launch spec from stdin")
                .contains("java.io.StreamCorruptedException: stdin starts with 0x68656c6c, not the mp4j launch"
                        + " magic 0x6d70346a: ChildMain is started by JvmProcess, not by hand");
    }
}
