package io.github.mp4j.queue.internal.remote;

import io.github.mp4j.queue.internal.Wire;
import java.util.function.LongSupplier;

/**
 * How many get credits an attached consumer keeps outstanding at the owner, adapted to how it calls {@code get}.
 *
 * <p>A consumer that calls {@code get} again within {@link #HOT_GAP_NANOS} of the previous return is "hot": each
 * time its local buffer has run dry the window doubles, up to {@link #MAX_WINDOW} credits and at most
 * {@link #BYTE_BUDGET} bytes of recently seen item sizes but never under {@link #MIN_HOT_WINDOW} items, so a tight
 * loop streams without a round trip per item: the next item, however large, travels while the consumer works on the
 * current one.
 * Each get that comes later than that halves the window, so a consumer whose gets are spaced out soon holds a
 * window of 1: it asks for one item when it calls {@code get} and holds none in between, leaving items to other
 * consumers (a single late get, such as a descheduled thread on a loaded machine, does not stop a stream). A
 * consumer that stops calling {@code get} while it still holds prefetched items does not keep them from others: if
 * other getters wait meanwhile, the owner takes them back ({@link Wire#UNFENCE}) and the window restarts at 1
 * ({@link #restart()}). While another process's getter waits behind items sent here, the window stays at 1
 * ({@link #othersWaiting()}), so competing consumers take items in turn. Not thread-safe: guarded by the
 * {@link RemoteQueue}'s lock.
 */
final class PrefetchWindow {
    /** The largest window. */
    static final int MAX_WINDOW = 64;
    /**
     * Gets closer together than this keep the window open. 50 ms: prefetching hides the fetch round trip (credit to
     * the owner, item back: 0.1 ms for small items, about 1 ms for a 1 MiB one, more on a loaded machine), which
     * matters while it is a noticeable share of the time between gets. At 5 ms a worker spending 6 ms on each 1 MiB
     * block got no prefetch and waited for every block; beyond 50 ms the round trip costs under 2%.
     */
    static final long HOT_GAP_NANOS = 50_000_000;
    /**
     * The window covers at most this many bytes of items (by the running average item size), unless that is fewer
     * than {@link #MIN_HOT_WINDOW} items. 4 MiB: with 64 KiB the window of 1 MiB items was 1, a full round trip
     * (credit, owner, item) per item with nothing overlapping, and 1 MiB items moved at a tenth of the pipe's speed.
     */
    static final long BYTE_BUDGET = 4L << 20;
    /** A hot consumer's window reaches at least this many items, whatever their size. */
    static final int MIN_HOT_WINDOW = 2;
    /**
     * {@link #othersWaiting()} keeps the window at 1 only for a consumer whose gets are at least this far apart on
     * average (the work it does per item). 100 us, a few fetch round trips: below that, taking items one at a time
     * in turn costs a round trip per item that runs of a window do not (two consumers of tiny items in tight loops:
     * 131k items/s with runs, 41k one at a time); above it, the other consumer works meanwhile instead of waiting
     * for a run to be claimed.
     */
    static final long SHARE_MIN_GAP_NANOS = 100_000;

    private final LongSupplier clock;
    private int size = 1;
    /** Set by {@link #othersWaiting()}: the window stays at 1 until {@link #sharedUntil}. */
    private boolean shared;
    private long sharedUntil;
    private long lastReturn;
    private boolean returned;
    private long averageItemBytes;
    /** Running average of the time from a get's return to the next get's start: the consumer's work per item. */
    private long averageGapNanos;

    PrefetchWindow() {
        this(System::nanoTime);
    }

    /** A window that reads the time from {@code clock} (nanoseconds, as {@link System#nanoTime()}). */
    PrefetchWindow(LongSupplier clock) {
        this.clock = clock;
    }

    /** Called as a {@code get} starts; {@code bufferEmpty} says whether it will have to wait for an item. */
    void onGetStart(boolean bufferEmpty) {
        long now = clock.getAsLong();
        if (returned) {
            averageGapNanos = (averageGapNanos * 7 + (now - lastReturn)) / 8;
        }
        boolean hot = returned && now - lastReturn < HOT_GAP_NANOS;
        if (shared && now - sharedUntil >= 0) {
            shared = false;
        }
        if (!hot) {
            size = Math.max(1, size / 2);
        } else if (bufferEmpty && !shared) {
            size = Math.min(cap(), size * 2);
        }
    }

    /**
     * Another process's getter waits while items sent here are unclaimed, and it may not overtake them: if this
     * consumer works at least {@link #SHARE_MIN_GAP_NANOS} per item, back to a window of 1 for
     * {@link #HOT_GAP_NANOS} (renewed while it lasts), so it holds at most the item it asked for and the consumers
     * take items in turn. A window of runs would keep the other one idle for a whole run: two worker JVMs parsing
     * 1 MiB log blocks from one queue took 0.38-0.45 s per log with windows up to 64 and 0.22-0.28 s with windows
     * of 1 (single-threaded: 0.34 s).
     */
    void othersWaiting() {
        if (averageGapNanos < SHARE_MIN_GAP_NANOS) {
            return;
        }
        size = 1;
        shared = true;
        sharedUntil = clock.getAsLong() + HOT_GAP_NANOS;
    }

    /** Called as a {@code get} returns an item. */
    void onReturn() {
        lastReturn = clock.getAsLong();
        returned = true;
    }

    /** Called for every item that arrives, with its message length. */
    void onItem(int length) {
        averageItemBytes = averageItemBytes == 0 ? length : (averageItemBytes * 7 + length) / 8;
    }

    /**
     * The credits to send with an acknowledgement: once outstanding plus buffered items have fallen to half the
     * window, enough to fill it again (so the owner sends items in runs rather than one per acknowledgement).
     */
    int topUp(int outstanding, int buffered) {
        int held = outstanding + buffered;
        return size <= 1 || held > size / 2 ? 0 : size - held;
    }

    /** Back to a window of 1, as for a consumer that was idle (after the owner took its prefetched items back). */
    void restart() {
        size = 1;
        returned = false;
    }

    /** The current window. */
    int size() {
        return size;
    }

    private int cap() {
        long byBytes = BYTE_BUDGET / Math.max(1, averageItemBytes);
        return (int) Math.max(MIN_HOT_WINDOW, Math.min(MAX_WINDOW, byBytes));
    }
}
