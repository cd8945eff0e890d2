package io.github.mp4j.pipe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ring files go to a private directory on a memory file system (Linux: /dev/shm), not the disk-backed tmpdir. */
class RingFilesTest {
    @TempDir
    Path fallback;

    @Test
    void ringFilesGoToAPrivateDirectoryUnderDevShmWhereItExists() throws Exception {
        assumeTrue(System.getProperty(RingFiles.DIRECTORY_PROPERTY) == null, "a ring directory is configured");
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no writable /dev/shm on this machine");
        Path dir = RingFiles.directory(fallback);
        assertThat(dir.getParent()).isEqualTo(shm);
        assertThat(dir.getFileName().toString()).startsWith(io.github.mp4j.spi.HandleRules.PRIVATE_DIRECTORY_PREFIX);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(RingFiles.directory(fallback)).as("one directory per JVM").isEqualTo(dir);
        assertThat(Files.getFileStore(dir).type()).isEqualTo("tmpfs");
    }
}
