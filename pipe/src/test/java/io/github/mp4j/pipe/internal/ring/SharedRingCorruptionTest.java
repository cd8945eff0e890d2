package io.github.mp4j.pipe.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that scribbles on the shared file: each broken counter is a {@link ProtocolException} on that ring only,
 * and a file that is not a ring file of the agreed size is refused when mapped. Both ends live in this JVM with
 * their own mappings of one file (what two processes see), the corruption written through a third view.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedRingCorruptionTest {
    private static final int CAPACITY = RingDescriptor.MIN_CAPACITY;

    @TempDir
    Path tmp;

    private LocalRingPair pair;
    private RingEnd creator;
    private RingEnd opener;

    @BeforeEach
    void connect() throws IOException {
        pair = new LocalRingPair(CAPACITY, SpinPolicy.PARK_AT_ONCE);
        creator = pair.creator;
        opener = pair.opener;
    }

    @AfterEach
    void close() throws IOException {
        pair.close();
    }

    private String ringName() {
        return pair.ring0Name();
    }

    private void poke(int descriptorOffset, long value) {
        pair.poke(descriptorOffset, value);
    }

    @Test
    void tailGoingBackwardsIsProtocolErrorOnThatRingOnly() throws IOException {
        creator.sink().write(new byte[100], 0, 100, Deadline.NONE);
        assertThat(opener.source().read(new byte[100], 0, 100, Deadline.NONE)).isEqualTo(100);
        poke(RingDescriptor.TAIL_OFFSET, 50);

        String message = "shared ring " + ringName() + " is corrupt: tail went backwards from 100 to 50";
        assertThatThrownBy(() -> opener.source().read(new byte[10], 0, 10, Deadline.NONE))
                .isExactlyInstanceOf(ProtocolException.class).hasMessage(message);
        assertThatThrownBy(() -> opener.source().available())
                .isExactlyInstanceOf(ProtocolException.class).hasMessage(message);

        opener.sink().write(new byte[] {1, 2, 3}, 0, 3, Deadline.NONE);
        byte[] back = new byte[3];
        assertThat(creator.source().read(back, 0, 3, Deadline.NONE)).isEqualTo(3);
        assertThat(back).containsExactly(1, 2, 3);
    }

    @Test
    void tailMoreThanCapacityAheadIsProtocolError() {
        poke(RingDescriptor.TAIL_OFFSET, CAPACITY + 1L);
        assertThatThrownBy(() -> opener.source().read(new byte[10], 0, 10, Deadline.NONE))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring " + ringName() + " is corrupt: tail 4097 is 4097 bytes ahead of head 0,"
                        + " more than the capacity 4096");
    }

    @Test
    void impossibleTailLikeMinusOneIsProtocolErrorNotACrash() {
        poke(RingDescriptor.TAIL_OFFSET, -1L);
        assertThatThrownBy(() -> opener.source().read(new byte[10], 0, 10, Deadline.NONE))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring " + ringName() + " is corrupt: tail went backwards from 0 to -1");
    }

    @Test
    void headBeyondTailIsProtocolErrorForTheWriter() throws IOException {
        creator.sink().write(new byte[100], 0, 100, Deadline.NONE);
        poke(RingDescriptor.HEAD_OFFSET, 999_999L);
        assertThatThrownBy(() -> creator.sink().free())
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring " + ringName() + " is corrupt: head moved from 0 to 999999 with tail 100"
                        + " (it may only grow, up to the tail)");
        assertThatThrownBy(() -> creator.sink().write(new byte[1], 0, 1, Deadline.NONE))
                .isExactlyInstanceOf(ProtocolException.class);
    }

    @Test
    void headGoingBackwardsOnAFullRingIsProtocolError() throws IOException {
        byte[] data = new byte[CAPACITY];
        creator.sink().write(data, 0, CAPACITY, Deadline.NONE);
        assertThat(opener.source().read(new byte[10], 0, 10, Deadline.NONE)).isEqualTo(10);
        assertThat(creator.sink().write(data, 0, 10, Deadline.NONE)).isEqualTo(10);
        poke(RingDescriptor.HEAD_OFFSET, 3L);
        assertThatThrownBy(() -> creator.sink().write(data, 0, 1, Deadline.NONE))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring " + ringName() + " is corrupt: head moved from 10 to 3 with tail 4106"
                        + " (it may only grow, up to the tail)");
    }

    @Test
    void fileOfTheWrongSizeIsRefusedWhenMapped() throws IOException {
        Path file = tmp.resolve("short.shm");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(RingDescriptor.fileLength(CAPACITY) - 1);
        }
        assertThatThrownBy(() -> SharedRingFile.open(file, CAPACITY))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring file " + file + " is 8959 bytes, expected 8960 for two rings of 4096 bytes");
    }

    @Test
    void fileWithAWrongHeaderIsRefusedWhenMapped() throws IOException {
        Path file = tmp.resolve("garbage.shm");
        byte[] garbage = new byte[(int) RingDescriptor.fileLength(CAPACITY)];
        java.util.Arrays.fill(garbage, (byte) 0x7f);
        Files.write(file, garbage);
        assertThatThrownBy(() -> SharedRingFile.open(file, CAPACITY))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("shared ring file " + file + " has magic 0x7f7f7f7f, version 2139062143, capacity"
                        + " 2139062143; expected magic 0x4d503452, version 1, capacity 4096");
    }

    @Test
    void ringOfAnotherCapacityIsRefusedWhenMapped() throws IOException {
        SharedRingFile other = SharedRingFile.create(SocketFiles.privateDirectory(), 2 * CAPACITY);
        try {
            assertThatThrownBy(() -> SharedRingFile.open(other.path(), CAPACITY))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessage("shared ring file " + other.path() + " is 17152 bytes, expected 8960 for two"
                            + " rings of 4096 bytes");
        } finally {
            other.unlink();
        }
    }

    @Test
    void fileThatCannotBeCreatedIsAClearIoExceptionAndLeavesNothing() {
        Path missing = tmp.resolve("no-such-dir");
        assertThatThrownBy(() -> SharedRingFile.create(missing, CAPACITY))
                .isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create shared ring file " + missing + "/ring-")
                .hasMessageContaining(".shm of 8960 bytes: java.nio.file.NoSuchFileException: ");
        assertThat(missing).doesNotExist();
    }

    @Test
    void capacityThatIsNoPowerOfTwoIsRefused() {
        assertThatThrownBy(() -> SharedRingFile.create(tmp, 5000))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("ring capacity 5000 is not a power of two in [4096, 536870912]");
    }
}
