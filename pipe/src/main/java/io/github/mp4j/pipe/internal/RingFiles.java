package io.github.mp4j.pipe.internal;

import io.github.mp4j.spi.HandleRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Where shared-memory ring files are made: a private directory (mode 0700, created on first use, removed at JVM
 * exit) on a memory file system, {@code /dev/shm} on Linux, or the directory named by the system property
 * {@value #DIRECTORY_PROPERTY}. Where neither exists or is writable, the connection's socket directory.
 *
 * <p>Why not the socket directory under {@code java.io.tmpdir}: there it is often a disk file system (ext4 here).
 * Pages of a shared mapping of a disk file are dirty page cache: the kernel writes them back to disk and, after
 * each write-back, faults on the next store to each page, so a ring that is written all the time pays kernel time
 * for a disk it never needs. On tmpfs the pages are plain shared memory. The file is unlinked once both ends
 * mapped it either way.
 */
public final class RingFiles {
    /** System property naming the directory in which ring files' private directory is made. */
    public static final String DIRECTORY_PROPERTY = "mp4j.ring.directory";
    private static final Path LINUX_SHM = Path.of("/dev/shm");
    private static final System.Logger LOG = System.getLogger(RingFiles.class.getName());
    private static Path privateDir;
    private static boolean failed;

    private RingFiles() {
    }

    /**
     * The directory for a new ring file: the private memory-backed one, or {@code fallback} (the socket
     * directory) where none can be made.
     */
    public static synchronized Path directory(Path fallback) {
        if (privateDir == null && !failed) {
            String configured = System.getProperty(DIRECTORY_PROPERTY);
            Path base = configured != null && !configured.isBlank() ? Path.of(configured) : LINUX_SHM;
            if (Files.isDirectory(base) && Files.isWritable(base)) {
                try {
                    privateDir = Files.createTempDirectory(base, HandleRules.PRIVATE_DIRECTORY_PREFIX,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    Runtime.getRuntime().addShutdownHook(new Thread(RingFiles::cleanUp, "mp4j-ring-files-cleanup"));
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.log(System.Logger.Level.INFO, "ring files stay in the socket directory: cannot create a"
                            + " private directory under " + base + ": " + e);
                }
            }
            failed = privateDir == null;
        }
        return privateDir != null ? privateDir : fallback;
    }

    private static void cleanUp() {
        Path dir = privateDir;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove private ring directory " + dir + ": " + e);
        }
    }
}
