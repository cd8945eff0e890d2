package io.github.mp4j.queue.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Counters shared through a small memory-mapped file by the owner of a queue and one attached process, so that
 * per-item acknowledgements cost a memory store instead of a message.
 *
 * <p>The owner creates the file (mode 0600, in the queue server's 0700 socket directory) when a process attaches
 * and sends its path; the process maps it and deletes the name (both mappings stay valid). The attached process is
 * the only writer of {@link #returned()} (items its {@code get} returned to user code, stored before the
 * {@code get} returns) and {@link #done()} (its {@code taskDone} calls for tasks it took); the owner is the only
 * writer of {@link #wantsReturns()} (a bounded queue has puts waiting for room, so the process should send a message
 * after each get). The page outlives a {@code kill -9} of the process, so when the owner sees the connection end it
 * reads the exact counts. All accesses are volatile: a store of a counter followed by a load of the flag on one side
 * and the reverse on the other cannot both miss each other.
 */
final class SessionPage {
    /** Bytes mapped. */
    static final int SIZE = 64;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int RETURNED = 0;
    private static final int DONE = 8;
    private static final int WANTS_RETURNS = 16;

    private final MappedByteBuffer buffer;

    private SessionPage(MappedByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Creates and maps a new zeroed page file at {@code path}, readable and writable by this user only.
     *
     * @throws IOException if the file exists or cannot be created or mapped
     */
    static SessionPage create(Path path) throws IOException {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            return map(path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /**
     * Maps the page file the owner created at {@code path}, then deletes its name.
     *
     * @throws IOException if it cannot be opened or mapped, or is not a page file
     */
    static SessionPage attach(Path path) throws IOException {
        long size = Files.size(path);
        if (size != SIZE) {
            throw new IOException("session page " + path + " is " + size + " bytes, expected " + SIZE);
        }
        SessionPage page = map(path);
        Files.deleteIfExists(path);
        return page;
    }

    private static SessionPage map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new SessionPage(ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
        }
    }

    /** Items the attached process's gets have returned to user code, ever. */
    long returned() {
        return (long) LONGS.getVolatile(buffer, RETURNED);
    }

    /** Sets {@link #returned()}; attached process only. */
    void returned(long n) {
        LONGS.setVolatile(buffer, RETURNED, n);
    }

    /** Tasks the attached process took and marked done, ever. */
    long done() {
        return (long) LONGS.getVolatile(buffer, DONE);
    }

    /** Sets {@link #done()}; attached process only. */
    void done(long n) {
        LONGS.setVolatile(buffer, DONE, n);
    }

    /** Whether the owner wants a message after each get (it has puts waiting for room). */
    boolean wantsReturns() {
        return (long) LONGS.getVolatile(buffer, WANTS_RETURNS) != 0;
    }

    /** Sets {@link #wantsReturns()}; owner only. */
    void wantsReturns(boolean want) {
        LONGS.setVolatile(buffer, WANTS_RETURNS, want ? 1L : 0L);
    }
}
