package io.github.mp4j.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory only this user can read ({@code 0700} on POSIX), created on first use for this JVM's files
 * (child argument files) and deleted when the JVM exits.
 */
final class PrivateTempDir {
    private PrivateTempDir() {
    }

    /** The directory, created on first call. */
    static Path get() {
        return Holder.DIR;
    }

    private static final class Holder {
        static final Path DIR = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("mp4j-process-"); // 0700 on POSIX
                dir.toFile().deleteOnExit(); // registered first, so deleted after the files in it
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a private directory in java.io.tmpdir="
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
        }
    }
}
