package io.github.mp4j.process.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dynamic AppCDS archive for child JVMs, kept in {@code <java.io.tmpdir>/mp4j-cds-<user>} (mode 0700, used only
 * when owned by this user). The archive name is a hash of the JDK and the child command line, including the size
 * and modification time of every class-path entry, so a changed class path or JDK gets a new archive instead of a
 * mismatch. Only class paths made of JAR files qualify (JDK 17 cannot archive from a non-empty directory; then
 * children simply start without CDS). The first child started without an archive records one at its exit
 * ({@code -XX:ArchiveClassesAtExit} into a temporary name, moved into place atomically once it exits); later
 * children map it ({@code -XX:SharedArchiveFile}). CDS log output is switched off in the child so that an archive
 * the JVM refuses never writes to the child's stdout; the JVM then simply runs without it.
 */
final class ClassDataSharing {
    private static final Set<String> RECORDING = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final String QUIET = "-Xlog:cds*=off";

    private ClassDataSharing() {
    }

    /** The CDS options for a child launched with {@code command}, and what to do once it is started. */
    static Launch plan(List<String> command) {
        if (!onlyJarsOnClassPath()) {
            return Launch.NONE;
        }
        Path dir = directory();
        if (dir == null) {
            return Launch.NONE;
        }
        String key = key(command);
        Path archive = dir.resolve(key + ".jsa");
        if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
            return new Launch(List.of(QUIET, "-XX:SharedArchiveFile=" + archive), null, null, null);
        }
        if (!RECORDING.add(key)) {
            return Launch.NONE; // another child of this JVM is recording it
        }
        Path temporary = dir.resolve(key + "." + ProcessHandle.current().pid() + "." + ATTEMPTS.incrementAndGet()
                + ".tmp");
        return new Launch(List.of(QUIET, "-XX:ArchiveClassesAtExit=" + temporary), key, temporary, archive);
    }

    /** CDS options plus, when this child records the archive, where it goes. */
    static final class Launch {
        static final Launch NONE = new Launch(List.of(), null, null, null);
        final List<String> options;
        private final String key;
        private final Path temporary;
        private final Path archive;

        private Launch(List<String> options, String key, Path temporary, Path archive) {
            this.options = options;
            this.key = key;
            this.temporary = temporary;
            this.archive = archive;
        }

        /** Once {@code child} exits, moves the archive it recorded into place (or forgets a failed attempt). */
        void started(Process child) {
            if (temporary == null) {
                return;
            }
            child.onExit().thenAccept(this::publish);
        }

        /** The child could not be started: let a later child record the archive. */
        void abandoned() {
            if (key != null) {
                RECORDING.remove(key);
            }
        }

        /** A child killed by SIGKILL (137) may have left half an archive; any other exit wrote it whole. */
        private void publish(Process child) {
            int code = child.exitValue();
            try {
                if ((code < 128 || code == 143) && Files.size(temporary) > 0) {
                    moveIntoPlace();
                }
            } catch (IOException e) {
                log("no archive recorded at " + temporary + ": " + e);
            } finally {
                deleteQuietly(temporary);
                RECORDING.remove(key);
            }
        }

        private void moveIntoPlace() throws IOException {
            try {
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** JDK 17 archives classes from JAR files only; a non-empty directory on the path makes the dump fail. */
    private static boolean onlyJarsOnClassPath() {
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                File file = new File(entry);
                String[] children = file.list();
                if (children != null && children.length > 0) {
                    log("class-data sharing is off: " + property + " holds the directory " + entry
                            + "; JDK 17 archives classes from JAR files only");
                    return false;
                }
            }
        }
        return true;
    }

    private static Path directory() {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mp4j-cds-" + System.getProperty("user.name"));
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (posix) {
                    Files.createDirectories(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(
                    Files.getOwner(PrivateTempDir.get(), LinkOption.NOFOLLOW_LINKS))) {
                log(dir + " belongs to another user; not using class-data sharing");
                return null;
            }
            if (posix && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                    .equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE))) {
                log(dir + " is not private (mode 0700); not using class-data sharing");
                return null;
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            log("cannot prepare the class-data sharing directory: " + e);
            return null;
        }
    }

    private static String key(List<String> command) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            for (String part : command) {
                update(digest, part);
            }
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                File file = new File(entry);
                update(digest, entry + "|" + file.length() + "|" + file.lastModified());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log("cannot delete " + file + ": " + e);
        }
    }

    private static void log(String message) {
        System.getLogger(ClassDataSharing.class.getName()).log(System.Logger.Level.DEBUG, message);
    }
}
