package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The file holding a connection's two rings (layout in {@link RingDescriptor}), mapped by both ends. The creating
 * end makes it 0600 in the private socket directory, writes every byte of it (so a full disk fails here with an
 * {@link IOException}, never later as a fault on a mapped page) and maps it; the opening end maps it and checks
 * the header and the ring size against the file's size, then confirms with {@link RingDescriptor#OPENER_MAPPED_OFFSET}.
 * The creator unlinks the name once the peer confirmed ({@link #unlink()}); the mapping lives until both ends
 * dropped it (the JDK unmaps a mapped buffer when it is collected).
 *
 * <p>Ring 0 carries creator-to-opener bytes, ring 1 opener-to-creator.
 */
public final class SharedRingFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ZERO_CHUNK = 64 * 1024;

    private final Path path;
    private final MappedByteBuffer buffer;
    private final int capacity;
    private final boolean creator;

    private SharedRingFile(Path path, MappedByteBuffer buffer, int capacity, boolean creator) {
        this.path = path;
        this.buffer = buffer;
        this.capacity = capacity;
        this.creator = creator;
    }

    /**
     * Creates, fills and maps a new ring file in {@code dir} (normally {@link SocketFiles#privateDirectory()}).
     *
     * @param capacity bytes of each ring's data area, see {@link RingDescriptor#checkCapacity}
     * @throws IOException naming the file and its size when it cannot be created, filled (disk full) or mapped;
     *                     the caller falls back to the socket. Nothing is left behind.
     */
    public static SharedRingFile create(Path dir, int capacity) throws IOException {
        RingDescriptor.checkCapacity(capacity);
        long length = RingDescriptor.fileLength(capacity);
        Path path = dir.resolve("ring-" + Long.toHexString(RANDOM.nextLong() | Long.MIN_VALUE) + ".shm");
        try (FileChannel ch = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            SocketFiles.adopt(path);
            fill(ch, length);
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
            map.order(ByteOrder.nativeOrder());
            map.putInt(RingDescriptor.VERSION_OFFSET, RingDescriptor.VERSION);
            map.putInt(RingDescriptor.CAPACITY_OFFSET, capacity);
            new SharedWords(map).releaseInt(RingDescriptor.MAGIC_OFFSET, RingDescriptor.MAGIC);
            return new SharedRingFile(path, map, capacity, true);
        } catch (IOException | RuntimeException e) {
            SocketFiles.remove(path);
            throw new IOException("cannot create shared ring file " + path + " of " + length + " bytes: " + e, e);
        }
    }

    /**
     * Maps a ring file the peer created and confirms the mapping to it.
     *
     * @param expectedCapacity the ring capacity both ends agreed on
     * @throws ProtocolException when the file is not a ring file of that capacity (magic, version, capacity or
     *                           file size do not match), naming the values
     * @throws IOException when it cannot be opened or mapped
     */
    public static SharedRingFile open(Path path, int expectedCapacity) throws IOException {
        RingDescriptor.checkCapacity(expectedCapacity);
        long expectedLength = RingDescriptor.fileLength(expectedCapacity);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size != expectedLength) {
                throw new ProtocolException("shared ring file " + path + " is " + size + " bytes, expected "
                        + expectedLength + " for two rings of " + expectedCapacity + " bytes");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            map.order(ByteOrder.nativeOrder());
            SharedWords words = new SharedWords(map);
            int magic = words.acquireInt(RingDescriptor.MAGIC_OFFSET);
            int version = words.plainInt(RingDescriptor.VERSION_OFFSET);
            int capacity = words.plainInt(RingDescriptor.CAPACITY_OFFSET);
            if (magic != RingDescriptor.MAGIC || version != RingDescriptor.VERSION || capacity != expectedCapacity) {
                throw new ProtocolException("shared ring file " + path + " has magic 0x" + Integer.toHexString(magic)
                        + ", version " + version + ", capacity " + capacity + "; expected magic 0x"
                        + Integer.toHexString(RingDescriptor.MAGIC) + ", version " + RingDescriptor.VERSION
                        + ", capacity " + expectedCapacity);
            }
            words.releaseInt(RingDescriptor.OPENER_MAPPED_OFFSET, 1);
            return new SharedRingFile(path, map, capacity, false);
        }
    }

    /**
     * Writes zeros over the whole length, so the blocks are allocated (a full disk fails here) before anything is
     * mapped. No fsync: the file is never read back from disk, and syncing it cost each connection set-up a disk
     * flush (~0.3 s on a loaded machine).
     */
    private static void fill(FileChannel ch, long length) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
        long pos = 0;
        while (pos < length) {
            zeros.clear().limit((int) Math.min(ZERO_CHUNK, length - pos));
            while (zeros.hasRemaining()) {
                pos += ch.write(zeros, pos);
            }
        }
    }

    /** The file's path (gone from the directory after {@link #unlink()}). */
    public Path path() {
        return path;
    }

    /** Bytes of each ring's data area. */
    public int capacity() {
        return capacity;
    }

    /** Whether this end created the file. */
    public boolean isCreator() {
        return creator;
    }

    /** Whether the opening end confirmed its mapping (always true on the opening end). */
    public boolean peerMapped() {
        return new SharedWords(buffer).acquireInt(RingDescriptor.OPENER_MAPPED_OFFSET) != 0;
    }

    /** Removes the file's name (both mappings stay valid). Idempotent; the creator calls it once the peer mapped. */
    public void unlink() {
        SocketFiles.remove(path);
    }

    /** Ring {@code index} as seen through this mapping (package use). */
    RingView ring(int index, String name) {
        return new RingView(buffer, index, capacity, name);
    }
}
