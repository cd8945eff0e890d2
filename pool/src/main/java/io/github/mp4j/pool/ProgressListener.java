package io.github.mp4j.pool;

/**
 * Told how far a {@link JvmPool#map map}, {@code imap} or {@code starmap} has come, for a progress bar. Called on a
 * pool thread each time a chunk finishes (successfully or not), with {@code done} strictly increasing, never twice
 * at once for one call; keep it short, it delays the next result of that worker.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param done the elements finished so far
     * @param total the number of elements, or {@code -1} while the input's length is unknown (an {@code imap} over
     *     an iterable that is not a {@link java.util.Collection})
     */
    void progress(long done, long total);
}
