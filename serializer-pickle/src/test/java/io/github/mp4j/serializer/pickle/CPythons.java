package io.github.mp4j.serializer.pickle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPython interpreters to test against: the newest pyenv 3.11, 3.12 and 3.13 under {@code pyenv root}, else the
 * {@code python3} on the PATH. Empty when there is none (the interop tests then skip, saying so).
 */
final class CPythons {
    static final String NONE_FOUND = "no CPython found: looked for 3.11/3.12/3.13 under `pyenv root`/versions and"
            + " for python3 on the PATH";

    private CPythons() {
    }

    /** A CPython executable and its version, e.g. {@code 3.12}. */
    record Interpreter(Path executable, String version) {
        @Override
        public String toString() {
            return "CPython " + version;
        }
    }

    static List<Interpreter> find() {
        List<Interpreter> found = new ArrayList<>();
        String root = output("pyenv", "root");
        Path versions = Path.of(root != null ? root : System.getProperty("user.home") + "/.pyenv", "versions");
        for (String minor : List.of("3.11", "3.12", "3.13")) {
            try (Stream<Path> dirs = Files.isDirectory(versions) ? Files.list(versions) : Stream.empty()) {
                dirs.filter(d -> d.getFileName().toString().startsWith(minor + "."))
                        .map(d -> d.resolve("bin/python3")).filter(Files::isExecutable).sorted()
                        .reduce((a, b) -> b).ifPresent(exe -> found.add(new Interpreter(exe, minor)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + versions, e);
            }
        }
        if (found.isEmpty()) {
            String version = output("python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])");
            if (version != null && version.startsWith("3.")) {
                found.add(new Interpreter(Path.of("python3"), version));
            }
        }
        return found;
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
