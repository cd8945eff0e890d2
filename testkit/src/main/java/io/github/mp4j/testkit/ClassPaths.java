package io.github.mp4j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a class path like this JVM's own, minus chosen classes: each class-path entry (directory or jar)
 * that holds one of them is replaced by a copy in a scratch directory without those {@code .class} files.
 */
public final class ClassPaths {
    private ClassPaths() {
    }

    /**
     * This JVM's class path ({@code java.class.path}) with {@code removed} taken out, copying entries into
     * {@code scratch} as needed.
     *
     * @return the class path entries, in order
     * @throws IllegalStateException if a removed class does not come from an entry of {@code java.class.path}
     */
    public static List<String> without(Path scratch, Set<Class<?>> removed) {
        Set<String> resources = removed.stream().map(c -> c.getName().replace('.', '/') + ".class")
                .collect(Collectors.toSet());
        Set<Path> sources = removed.stream().map(ClassPaths::location).collect(Collectors.toSet());
        List<String> entries = new ArrayList<>();
        Set<Path> found = new java.util.HashSet<>();
        int copies = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Paths.get(entry).toAbsolutePath().normalize();
            if (sources.contains(path)) {
                found.add(path);
                Path copy = scratch.resolve("classpath-entry-" + copies++);
                copyWithout(path, copy, resources);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        if (!found.equals(sources)) {
            throw new IllegalStateException("cannot remove " + removed + ": their locations " + sources
                    + " are not all entries of java.class.path " + entries);
        }
        return entries;
    }

    /** Deletes a directory tree (best effort; used for scratch directories). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot locate the class-path entry of " + type.getName(), e);
        }
    }

    private static void copyWithout(Path source, Path target, Set<String> resources) {
        try {
            if (Files.isDirectory(source)) {
                copyDirectory(source, target, resources);
            } else {
                extractJar(source, target, resources);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy class-path entry " + source + " to " + target, e);
        }
    }

    private static void copyDirectory(Path source, Path target, Set<String> resources) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = source.relativize(file).toString().replace(File.separatorChar, '/');
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (!resources.contains(relative)) {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static void extractJar(Path source, Path target, Set<String> resources) throws IOException {
        try (JarFile jar = new JarFile(source.toFile())) {
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                Path copy = target.resolve(entry.getName()).normalize();
                if (!copy.startsWith(target)) {
                    throw new IOException("jar entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(copy);
                } else if (!resources.contains(entry.getName())) {
                    Files.createDirectories(copy.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, copy);
                    }
                }
            }
        }
    }
}
