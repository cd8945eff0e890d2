package io.github.mp4j.queue.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Counters shared through a small memory-mapped file by the owner of a queue and one attached process, so that
 * per-item acknowledgements cost one atomic memory operation instead of a message.
 *
 * <p>The owner creates the file (mode 0600, in the queue's 0700 socket directory) when a process attaches
 * and sends its path; the process maps it and deletes the name (both mappings stay valid). The page outlives a
 * {@code kill -9} of the process, so when the owner sees the connection end it reads the exact counts.
 *
 * <p>The {@code returned} word counts the items the attached process's {@code get}s returned to user code (low 63
 * bits) and carries the owner's {@link #FENCED} flag (bit 63). The process claims each buffered item before its
 * {@code get} returns it, with {@link #claim} (a compare-and-set from its count to the count plus one); the owner
 * revokes the items it sent that are not yet claimed with {@link #fence} (a compare-and-set from the count it read
 * to that count with the flag). Exactly one of two racing operations wins, so an item is either returned by that
 * process or taken back by the owner, never both. A claim fails while the flag is set; the process then drops its
 * buffered items and, when it reads the owner's {@link Wire#UNFENCE}, clears the flag with {@link #unfence}.
 *
 * <p>The process is the only writer of {@link #done()} (its {@code taskDone} calls for tasks it took); the owner is
 * the only writer of {@link #putsWaiting()} (a bounded queue has puts waiting for room, so the process should send
 * a message after each get), of {@link #drainWanted()} (another process's getter waits while this process holds
 * items unclaimed, so it should send a message when a get empties its buffer and prefetch one item at a time) and of {@link #joinWanted()} (a join waits,
 * so a {@code taskDone} that finishes the process's last task should send a message). The layout, which side writes each word and
 * the memory order of each access are in {@link SessionPageDescriptor}.
 */
public final class SessionPage {
    /** Bytes mapped. */
    public static final int SIZE = SessionPageDescriptor.SIZE;

    /** Bit 63 of the {@code returned} word: the owner took back the items the process has not claimed. */
    public static final long FENCED = SessionPageDescriptor.FENCED;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int RETURNED = SessionPageDescriptor.RETURNED;
    private static final int DONE = SessionPageDescriptor.DONE;
    private static final int PUTS_WAITING = SessionPageDescriptor.PUTS_WAITING;
    private static final int DRAIN_WANTED = SessionPageDescriptor.DRAIN_WANTED;
    private static final int JOIN_WANTED = SessionPageDescriptor.JOIN_WANTED;

    private final MappedByteBuffer buffer;

    private SessionPage(MappedByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Creates and maps a new zeroed page file at {@code path}, readable and writable by this user only. The page's
     * bytes are written (not just a file length set), so the file system reserves its blocks now: on a full file
     * system this fails here, instead of faulting later when the mapped memory is first touched.
     *
     * @throws IOException naming the file if it exists or cannot be created or mapped; naming the directory if its
     *     bytes cannot be written (a full file system)
     */
    public static SessionPage create(Path path) throws IOException {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            reserve(path);
            return map(path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Writes the page's {@link #SIZE} zero bytes and forces them out, so their blocks are allocated. */
    private static void reserve(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(SIZE);
            while (zeros.hasRemaining()) {
                ch.write(zeros, zeros.position());
            }
            ch.force(false);
        } catch (IOException e) {
            throw new IOException("cannot reserve the " + SIZE + "-byte session page " + path.getFileName() + " in "
                    + path.toAbsolutePath().getParent() + " (is the file system full?): " + e.getMessage(), e);
        }
    }

    /**
     * Maps the page file the owner created at {@code path}, then deletes its name.
     *
     * @throws IOException if it cannot be opened or mapped, or is not a page file
     */
    public static SessionPage attach(Path path) throws IOException {
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

    /** Items the attached process's gets have returned to user code, ever (without the {@link #FENCED} flag). */
    public long returned() {
        return returnedWord() & ~FENCED;
    }

    /** The whole {@code returned} word: the count, with {@link #FENCED} if the owner has fenced the process. */
    public long returnedWord() {
        return (long) LONGS.getVolatile(buffer, RETURNED);
    }

    /** Whether the owner has fenced the process and the process has not yet read its {@link Wire#UNFENCE}. */
    public boolean fenced() {
        return (returnedWord() & FENCED) != 0;
    }

    /**
     * Attached process: counts one more item returned, {@code returned} going from {@code count} to
     * {@code count + 1}. Fails, changing nothing, if the owner has fenced the process (then the items it holds were
     * taken back).
     *
     * @param count what this process has counted so far (it is the only one that adds)
     * @return whether the item is the caller's to return
     */
    public boolean claim(long count) {
        return LONGS.compareAndSet(buffer, RETURNED, count, count + 1);
    }

    /**
     * Owner: takes back every item sent to the process beyond {@code count} returned ones, by setting
     * {@link #FENCED}. Fails, changing nothing, if the process's count is no longer {@code count} (it returned
     * another item meanwhile) or the flag is already set.
     */
    public boolean fence(long count) {
        return LONGS.compareAndSet(buffer, RETURNED, count, count | FENCED);
    }

    /**
     * Attached process, on reading {@link Wire#UNFENCE}: clears {@link #FENCED}. Fails if the page was not fenced at
     * {@code count}.
     */
    public boolean unfence(long count) {
        return LONGS.compareAndSet(buffer, RETURNED, count | FENCED, count);
    }

    /** Sets the {@code returned} word outright (tests that play a misbehaving process). */
    public void returned(long n) {
        LONGS.setVolatile(buffer, RETURNED, n);
    }

    /** Tasks the attached process took and marked done, ever (owner; acquire: pairs with the volatile store). */
    public long done() {
        return (long) LONGS.getAcquire(buffer, DONE);
    }

    /**
     * Sets {@link #done()}; attached process only. A volatile store, not a release: the process loads the
     * {@link #FENCED} flag next, and that load must not overtake this store (see {@link SessionPageDescriptor}).
     */
    public void done(long n) {
        LONGS.setVolatile(buffer, DONE, n);
    }

    /** Whether the owner wants a message after each get (it has puts waiting for room); read after a claim. */
    public boolean putsWaiting() {
        return (long) LONGS.getAcquire(buffer, PUTS_WAITING) != 0;
    }

    /** Sets {@link #putsWaiting()}; owner only, volatile because the owner reads the returned counts next. */
    public void putsWaiting(boolean waiting) {
        LONGS.setVolatile(buffer, PUTS_WAITING, waiting ? 1L : 0L);
    }

    /**
     * Whether the owner wants a message from a get that leaves the process's buffer empty: a getter elsewhere waits
     * until the items this process holds unclaimed are claimed.
     */
    public boolean drainWanted() {
        return (long) LONGS.getAcquire(buffer, DRAIN_WANTED) != 0;
    }

    /** Sets {@link #drainWanted()}; owner only, volatile because the owner reads the returned counts next. */
    public void drainWanted(boolean want) {
        LONGS.setVolatile(buffer, DRAIN_WANTED, want ? 1L : 0L);
    }

    /**
     * Whether a {@code join} waits at the owner: a {@code taskDone} that finishes this process's last task then sends
     * a message (read after the volatile store of {@link #done(long)}).
     */
    public boolean joinWanted() {
        return (long) LONGS.getAcquire(buffer, JOIN_WANTED) != 0;
    }

    /** Sets {@link #joinWanted()}; owner only, volatile because the owner reads the done counts next. */
    public void joinWanted(boolean want) {
        LONGS.setVolatile(buffer, JOIN_WANTED, want ? 1L : 0L);
    }
}
