package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClassDataSharingTest {
    @TempDir
    Path dir;

    @Test
    void withDirectoriesOnTheClassPathChildrenStartWithoutAnArchive() throws Exception {
        try (JvmProcess p = JvmProcess.builder(args -> { }).classDataSharing(true).build()) {
            p.start();
            p.join();
            assertThat(p.exitCode()).isEqualTo(OptionalInt.of(0));
        }
    }

    @Test
    void firstChildRecordsTheArchiveAndTheNextOneLoadsClassesFromIt() throws Exception {
        String classPath = jarredClassPath();
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        String log = "-Xlog:class+load:file=" + dir.resolve("load-%p.txt");
        Process middle = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", classPath, CdsMain.class.getName(), log)
                .redirectErrorStream(true).start();
        List<String> lines = new String(middle.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertThat(middle.waitFor()).isZero();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("child,0");
        assertThat(lines.get(1)).matches("pid \\d+ exit 0");
        assertThat(lines.get(2)).isEqualTo("child,1");
        assertThat(lines.get(3)).matches("pid \\d+ exit 0");
        try (Stream<Path> archives = Files.list(tmp.resolve("mp4j-cds-" + System.getProperty("user.name")))) {
            assertThat(archives.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }
        assertThat(loadedFrom(lines.get(1), "io.github.mp4j.process.internal.ChildMain"))
                .contains("source: file:").doesNotContain("shared objects file");
        assertThat(loadedFrom(lines.get(3), "io.github.mp4j.process.internal.ChildMain"))
                .contains("source: shared objects file (top)");
    }

    private String loadedFrom(String pidLine, String className) throws IOException {
        String pid = pidLine.split(" ")[1];
        try (Stream<String> log = Files.lines(dir.resolve("load-" + pid + ".txt"))) {
            return log.filter(l -> l.contains(" " + className + " source: ")).findFirst().orElseThrow();
        }
    }

    /** This JVM's class path with every directory packed into a JAR (JDK 17 archives classes from JARs only). */
    private String jarredClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("cp" + entries.size() + ".jar");
                jar(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void jar(Path from, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(from.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
