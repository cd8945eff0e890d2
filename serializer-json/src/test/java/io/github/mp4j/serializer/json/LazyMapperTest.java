package io.github.mp4j.serializer.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing the serializer (which {@link java.util.ServiceLoader} does in every process that has it on the class
 * path) does not build Jackson's mapper; the first encode does. Checked in child JVMs by their class-load logs.
 */
class LazyMapperTest {
    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper ";

    @TempDir
    Path dir;

    private String classesLoaded(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + args.length + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), LazyMapperMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("ok json");
        assertThat(p.exitValue()).isZero();
        return Files.readString(log);
    }

    @Test
    @Timeout(120)
    void installingTheSerializerDoesNotBuildJacksonsMapper() throws Exception {
        assertThat(classesLoaded()).doesNotContain(MAPPER);
    }

    @Test
    @Timeout(120)
    void firstEncodeBuildsIt() throws Exception {
        assertThat(classesLoaded("encode")).contains(MAPPER);
    }
}
