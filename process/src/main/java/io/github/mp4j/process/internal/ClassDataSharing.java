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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** How long a new child waits for a just-exited recording child's archive to be moved into place. */
    private static final long PUBLISH_WAIT_MILLIS = 2_000;
    /** How long this JVM's exit waits for recordings in progress to be moved into place. */
    private static final long EXIT_WAIT_MILLIS = 10_000;
    private static final Map<String, Recording> RECORDING = new ConcurrentHashMap<>();
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final String QUIET = "-Xlog:cds*=off";
    private static boolean exitHookInstalled;

    private ClassDataSharing() {
    }

    /**
     * The CDS options for a child launched with {@code command} on {@code classPath} (entries joined with the path
     * separator), and what to do once it is started.
     */
    static Launch plan(List<String> command, String classPath) {
        if (!onlyJarsOnClassPath(classPath)) {
            return Launch.NONE;
        }
        Path dir = directory();
        if (dir == null) {
            return Launch.NONE;
        }
        String key = key(command, classPath);
        Path archive = dir.resolve(key + ".jsa");
        Recording pending = RECORDING.get(key);
        if (pending != null && !pending.awaitPublishedUnlessRunning()) {
            return Launch.NONE; // a child of this JVM is still recording the archive
        }
        if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
            return new Launch(List.of(QUIET, "-XX:SharedArchiveFile=" + archive), null);
        }
        Path temporary = dir.resolve(key + "." + ProcessHandle.current().pid() + "." + ATTEMPTS.incrementAndGet()
                + ".tmp");
        Recording recording = new Recording(key, temporary, archive);
        if (RECORDING.putIfAbsent(key, recording) != null) {
            return Launch.NONE; // another thread just started recording it
        }
        installExitHook();
        return new Launch(List.of(QUIET, "-XX:ArchiveClassesAtExit=" + temporary), recording);
    }

    /** CDS options plus, when this child records the archive, the recording. */
    static final class Launch {
        static final Launch NONE = new Launch(List.of(), null);
        final List<String> options;
        private final Recording recording;

        private Launch(List<String> options, Recording recording) {
            this.options = options;
            this.recording = recording;
        }

        /** Once {@code child} exits, moves the archive it recorded into place (or forgets a failed attempt). */
        void started(Process child) {
            if (recording != null) {
                recording.child = child;
                child.onExit().thenAccept(recording::publish);
            }
        }

        /** The child could not be started: let a later child record the archive. */
        void abandoned() {
            if (recording != null) {
                recording.finish();
            }
        }
    }

    /** One child recording the archive for one key. */
    private static final class Recording {
        final String key;
        final Path temporary;
        final Path archive;
        final CompletableFuture<Void> published = new CompletableFuture<>();
        volatile Process child;

        Recording(String key, Path temporary, Path archive) {
            this.key = key;
            this.temporary = temporary;
            this.archive = archive;
        }

        /** False at once if the recording child still runs; else waits briefly for its archive to be in place. */
        boolean awaitPublishedUnlessRunning() {
            Process recorder = child;
            if (recorder == null || recorder.isAlive()) {
                return false;
            }
            try {
                published.get(PUBLISH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** A child killed by SIGKILL (137) may have left half an archive; any other exit wrote it whole. */
        void publish(Process recorder) {
            int code = recorder.exitValue();
            try {
                if ((code < 128 || code == 143) && Files.size(temporary) > 0) {
                    moveIntoPlace();
                }
            } catch (IOException e) {
                log("no archive recorded at " + temporary + ": " + e);
            } finally {
                finish();
            }
        }

        void finish() {
            deleteQuietly(temporary);
            RECORDING.remove(key, this);
            published.complete(null);
        }

        private void moveIntoPlace() throws IOException {
            try {
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** At exit, give recordings in progress (children ending now) a bounded time to be moved into place. */
    private static synchronized void installExitHook() {
        if (exitHookInstalled) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ClassDataSharing::awaitRecordings, "mp4j-cds-at-exit"));
        exitHookInstalled = true;
    }

    private static void awaitRecordings() {
        CompletableFuture<?>[] all = RECORDING.values().stream().map(r -> r.published)
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(all).get(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log("class-data sharing archive not moved into place before exit: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JDK 17 archives classes from JAR files only; a non-empty directory on the path makes the dump fail. */
    private static boolean onlyJarsOnClassPath(String classPath) {
        return onlyJars("class path", classPath)
                && onlyJars("module path", System.getProperty("jdk.module.path", ""));
    }

    private static boolean onlyJars(String what, String path) {
        for (String entry : path.split(File.pathSeparator)) {
            File file = new File(entry);
            String[] children = file.list();
            if (children != null && children.length > 0) {
                log("class-data sharing is off: the " + what + " holds the directory " + entry
                        + "; JDK 17 archives classes from JAR files only");
                return false;
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

    private static String key(List<String> command, String classPath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            for (String part : command) {
                update(digest, part);
            }
            for (String entry : classPath.split(File.pathSeparator)) {
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
