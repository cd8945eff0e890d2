package io.github.mp4j.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file by which a {@linkplain WarmSpares warm spare} tells its parent that its warm-up is done: the parent
 * names a path that does not exist yet (in a private directory of this JVM), the spare creates it. Checking costs
 * one {@code stat}, and needs no channel from the child back to the parent (its stdout and stderr belong to the
 * target).
 */
final class ReadyMarker {
    private static Path directory;

    private final Path path;

    private ReadyMarker(Path path) {
        this.path = path;
    }

    /** A new marker, not set; its directory (owner-only, deleted at exit when empty) is made on first use. */
    static ReadyMarker create() {
        try {
            return new ReadyMarker(Files.createTempFile(directory(), "spare-", ".ready-pending"))
                    .withoutFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a warm spare's ready marker: " + e.getMessage(), e);
        }
    }

    private static synchronized Path directory() throws IOException {
        if (directory == null) {
            directory = Files.createTempDirectory("mp4j-spares-");
            directory.toFile().deleteOnExit();
        }
        return directory;
    }

    /** A unique name: the pending file reserved it; the spare creates the {@code .ready} file next to it. */
    private ReadyMarker withoutFile() throws IOException {
        String name = path.getFileName().toString().replace(".ready-pending", ".ready");
        Files.delete(path);
        return new ReadyMarker(path.resolveSibling(name));
    }

    /** The path the spare creates. */
    Path path() {
        return path;
    }

    /** Whether the spare has created the file. */
    boolean isSet() {
        return Files.exists(path);
    }

    /** Deletes the file if it exists (the spare was taken or died). */
    void discard() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.getLogger(ReadyMarker.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot delete warm spare marker {0}: {1}", path, e.toString());
        }
    }

    /** In the spare: creates {@code file} (null or empty: nothing); best effort. */
    static void set(String file) {
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            Files.createFile(Path.of(file));
        } catch (IOException e) {
            System.getLogger(ReadyMarker.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot create warm spare marker {0}: {1}", file, e.toString());
        }
    }
}
