package io.github.mp4j.pool.internal;

import io.github.mp4j.pool.ProgressListener;
import io.github.mp4j.pool.SerializableBiFunction;
import io.github.mp4j.pool.SerializableFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The machinery behind the pool's map verbs ({@code map}, {@code starmap}, {@code imap}, {@code imapUnordered}):
 * argument checks, CPython's default chunk size, the {@link MapRun}s still running (so that {@code shutdownNow}
 * can close them) and draining a run into a list for the blocking verbs. Thread-safe.
 */
public final class MapCalls {
    private final Scheduler scheduler;
    private final Set<MapRun<?>> maps = ConcurrentHashMap.newKeySet();

    public MapCalls(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** CPython's default chunk size for {@code length} elements over this pool's workers. */
    public int defaultChunksize(long length) {
        return Chunker.defaultSize(length, scheduler.config().workers());
    }

    /** {@code Pool.map}: every result in input order; {@code chunksize} 0 picks the default. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input,
            int chunksize, ProgressListener listener) throws InterruptedException {
        List<? extends T> all = materialize(input);
        int size = chunksize > 0 ? chunksize : defaultChunksize(all.size());
        return drain(run(new MapFunction(fn, false, "map"), all.iterator(), size, true, all.size(), listener, "map"));
    }

    /** {@code Pool.starmap}: {@code fn(key, value)} of every pair in input order; {@code chunksize} 0: default. */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) throws InterruptedException {
        List<? extends Map.Entry<? extends A, ? extends B>> all = materialize(pairs);
        int size = chunksize > 0 ? chunksize : defaultChunksize(all.size());
        return drain(run(new MapFunction(fn, true, "starmap"), all.iterator(), size, true, all.size(), null,
                "starmap"));
    }

    /**
     * {@code Pool.imap} ({@code ordered}) or {@code imap_unordered}: a lazy run over {@code input}.
     *
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     */
    public <T, R> MapRun<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> input,
            int chunksize, ProgressListener listener, boolean ordered) {
        String what = ordered ? "imap" : "imapUnordered";
        return run(new MapFunction(fn, false, what), input.iterator(), requireChunk(chunksize), ordered,
                lengthOf(input), listener, what);
    }

    /** Closes every map still running ({@code shutdownNow}). */
    public void closeAll() {
        maps.forEach(MapRun::close);
    }

    @SuppressWarnings("unchecked")
    private <R> MapRun<R> run(MapFunction function, Iterator<?> input, int chunksize, boolean ordered, long total,
            ProgressListener listener, String what) {
        MapRun<R>[] self = new MapRun[1];
        MapRun<R> run = new MapRun<>(scheduler, input, new Chunker(chunksize, function.pairs()), function, ordered,
                scheduler.config().maxTasksInFlight(), total, listener, what, () -> maps.remove(self[0]));
        self[0] = run;
        maps.add(run);
        try {
            return run.start();
        } catch (RuntimeException e) {
            maps.remove(run);
            throw e;
        }
    }

    private static <R> List<R> drain(MapRun<R> run) throws InterruptedException {
        List<R> out = new ArrayList<>();
        try (run) {
            while (run.hasNext()) {
                out.add(run.next());
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.interrupted();
                throw (InterruptedException) e.getCause();
            }
            throw e;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> materialize(Iterable<T> input) {
        if (input instanceof List) {
            return (List<T>) input;
        }
        List<T> all = new ArrayList<>();
        input.forEach(all::add);
        return all;
    }

    private static long lengthOf(Iterable<?> input) {
        return input instanceof Collection ? ((Collection<?>) input).size() : -1;
    }

    private static int requireChunk(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize " + chunksize + " is not positive");
        }
        return chunksize;
    }
}
