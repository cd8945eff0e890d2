package io.github.mp4j.pipe.internal;

import io.github.mp4j.spi.HandleRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Unix socket files: the per-JVM private directory (mode 0700 under {@code java.io.tmpdir}, created on first
 * use), owner-only permissions (0600) for socket files, and removal of files still open at JVM exit.
 */
public final class SocketFiles {
    private static final System.Logger LOG = System.getLogger(SocketFiles.class.getName());
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile Path privateDir;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SocketFiles::cleanUp, "mp4j-socket-files-cleanup"));
    }

    private SocketFiles() {
    }

    /**
     * The private directory of this JVM, created on first call with mode 0700 and deleted at JVM exit.
     *
     * @throws UncheckedIOException if it cannot be created
     */
    public static Path privateDirectory() {
        Path dir = privateDir;
        if (dir == null) {
            synchronized (SocketFiles.class) {
                dir = privateDir;
                if (dir == null) {
                    try {
                        dir = Files.createTempDirectory(
                                Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath(),
                                HandleRules.PRIVATE_DIRECTORY_PREFIX,
                                PosixFilePermissions.asFileAttribute(OWNER_DIR));
                        Files.setPosixFilePermissions(dir, OWNER_DIR);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create the private socket directory under "
                                + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
                    }
                    privateDir = dir;
                }
            }
        }
        return dir;
    }

    /** A fresh, unused socket file name in {@code dir}: {@code <prefix>-<16 hex digits>.sock}. */
    public static Path newSocketPath(Path dir, String prefix) {
        return dir.resolve(prefix + "-" + Long.toHexString(RANDOM.nextLong() | Long.MIN_VALUE) + ".sock");
    }

    /** Restricts a freshly bound socket file to its owner (0600) and remembers it for removal at JVM exit. */
    public static void adopt(Path socketFile) throws IOException {
        OPEN.add(socketFile);
        Files.setPosixFilePermissions(socketFile, OWNER_FILE);
    }

    /** Removes a socket file now (if still there) and forgets it. */
    public static void remove(Path socketFile) {
        OPEN.remove(socketFile);
        try {
            Files.deleteIfExists(socketFile);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove socket file " + socketFile + ": " + e);
        }
    }

    private static void cleanUp() {
        for (Path p : OPEN) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove socket file " + p + " at exit: " + e);
            }
        }
        Path dir = privateDir;
        if (dir != null) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "cannot remove " + p + " at exit: " + e);
                    }
                });
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove private socket directory " + dir + ": " + e);
            }
        }
    }
}
