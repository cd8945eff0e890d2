package io.github.mp4j.queue.internal;

/**
 * The layout of a {@link SessionPage}: four big-endian 64-bit words, each on its own 64-byte cache line so that the
 * owner's writes and the attached process's writes never share a line (no false sharing between the two JVMs).
 *
 * <pre>
 *  offset  word            writer                       reader                 access
 *  ------  --------------  ---------------------------  ---------------------  ------------------------------------
 *     0    RETURNED        process (claim, unfence)     owner                  CAS / getVolatile (both sides race)
 *          bit 63 FENCED   owner   (fence)              process (claim fails)
 *     8    (padding to the end of the cache line)
 *    64    DONE            process (taskDone)           owner                  setVolatile / getAcquire
 *   128    PUTS_WAITING    owner   (puts wait for room) process (after a get)  setVolatile / getAcquire
 *   192    DRAIN_WANTED    owner   (a getter waits      process (after a get)  setVolatile / getAcquire
 *                                   behind its items)
 *   256    JOIN_WANTED     owner   (a join waits)       process (taskDone)     setVolatile / getAcquire
 *   320    end of page (SIZE)
 * </pre>
 *
 * <p>Why the writers store with full volatile semantics rather than {@code setRelease}: each of them is one half of a
 * Dekker pair (store my word, then load the other side's), and only a volatile store keeps the following load from
 * overtaking it. The process stores {@code DONE} and then loads {@code RETURNED} (is it fenced?); the owner CASes
 * the fence into {@code RETURNED} and then loads {@code DONE}. The owner stores a wanted flag and then loads
 * {@code RETURNED}; the process CASes {@code RETURNED} (a claim) and then loads the flag. The owner stores
 * {@code JOIN_WANTED} and then loads {@code DONE}; the process stores {@code DONE} and then loads {@code JOIN_WANTED}. A load that follows a CAS
 * or a volatile store on its own side needs only acquire semantics, so the readers use {@code getAcquire}.
 */
final class SessionPageDescriptor {
    /** One cache line: the distance between two words written by different processes. */
    static final int CACHE_LINE = 64;
    /** The returned count (low 63 bits) and the owner's {@link #FENCED} flag. */
    static final int RETURNED = 0;
    /** Tasks the process took and marked done. */
    static final int DONE = CACHE_LINE;
    /** Non-zero while puts wait for room in a bounded queue: the process sends a message after each get. */
    static final int PUTS_WAITING = 2 * CACHE_LINE;
    /** Non-zero while a getter waits behind items this process holds: it reports when a get empties its buffer. */
    static final int DRAIN_WANTED = 3 * CACHE_LINE;
    /**
     * Non-zero while a {@code join} waits at the owner: a {@code taskDone} that finishes the process's last task sends
     * a message so the owner reads the page and the join returns promptly; otherwise task-done counts stay in the
     * page until the process's next message or the owner's next read.
     */
    static final int JOIN_WANTED = 4 * CACHE_LINE;
    /** Bytes in a page file. */
    static final int SIZE = 5 * CACHE_LINE;
    /** Bit 63 of the {@code RETURNED} word: the owner took back the items the process has not claimed. */
    static final long FENCED = Long.MIN_VALUE;

    private SessionPageDescriptor() {
    }
}
