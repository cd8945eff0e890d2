package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClassPathTest {
    @TempDir
    Path dir;

    @Test
    void childRunsOnTheGivenClassPathAndCannotLoadClassesLeftOffIt() throws Exception {
        Path probeDir = copyClassFile(ClassPathProbe.class, dir.resolve("probe"));
        List<Path> classPath = new ArrayList<>(inheritedWithout(codeSource(ClassPathTest.class)));
        classPath.add(probeDir);
        Path out = dir.resolve("out.txt");
        try (JvmProcess p = JvmProcess.builder(ClassPathProbe.class).classPath(classPath)
                .args(JvmProcess.class.getName(), Targets.PrintArgs.class.getName())
                .redirectOutput(Redirect.to(out.toFile())).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
        String joined = String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
        assertThat(Files.readAllLines(out)).containsExactly(
                "class path=" + joined,
                "io.github.mp4j.process.JvmProcess=loaded",
                "io.github.mp4j.process.Targets$PrintArgs=missing");
    }

    @Test
    void classPathWithoutMp4jEndsTheChildWithExitCodeOne() throws Exception {
        Path err = dir.resolve("err.txt");
        try (JvmProcess p = JvmProcess.builder(ClassPathProbe.class).classPath(List.of(dir))
                .redirectError(Redirect.to(err.toFile())).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(1));
        }
        assertThat(Files.readString(err))
                .contains("Could not find or load main class io.github.mp4j.process.internal.ChildMain");
    }

    @Test
    void nullClassPathEntryIsRefused() {
        JvmProcess.Builder builder = JvmProcess.builder(ClassPathProbe.class);
        assertThatThrownBy(() -> builder.classPath(Arrays.asList(dir, null)))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("class path entry 1 is null");
        assertThatThrownBy(() -> builder.classPath(null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("entries is null");
    }

    /** This JVM's class path entries except {@code left}. */
    private static List<Path> inheritedWithout(Path left) {
        List<Path> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(left)) {
                kept.add(Path.of(entry));
            }
        }
        assertThat(kept).hasSizeLessThan(System.getProperty("java.class.path").split(File.pathSeparator).length);
        return kept;
    }

    private static Path codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    }

    /** Copies {@code type}'s class file into {@code root} under its package directories; returns {@code root}. */
    private static Path copyClassFile(Class<?> type, Path root) throws Exception {
        String resource = type.getName().replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            Files.write(target, in.readAllBytes());
        }
        return root;
    }
}
