/**
 * mp4j's worker pool: {@link io.github.mp4j.pool.JvmPool}, Python's {@code multiprocessing.Pool} and
 * {@code concurrent.futures.ProcessPoolExecutor} as a {@link java.util.concurrent.ExecutorService} over worker JVMs.
 */
module io.github.mp4j.pool {
    requires transitive io.github.mp4j.queue;
    requires io.github.mp4j.pipe;

    exports io.github.mp4j.pool;
}
