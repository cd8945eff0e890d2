package io.github.mp4j.queue.internal.owner;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The clock behind the owners' checks for consumers that sit on prefetched items while other getters wait: one
 * daemon thread for the whole JVM, started when the first check is scheduled. A queue schedules a check only while
 * such a situation may exist (see {@link OwnerQueue}), so the thread sleeps otherwise.
 */
final class IdleChecks {
    /**
     * A consumer whose count of returned items has not moved for this long, between two checks this far apart, is
     * idle: the items it holds are taken back if others wait.
     */
    static final long IDLE_MILLIS = 20;

    private IdleChecks() {
    }

    /** Runs {@code check} once, {@link #IDLE_MILLIS} from now, on the shared thread. */
    static void schedule(Runnable check) {
        Timer.INSTANCE.schedule(check, IDLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Holds the thread, so that it starts on first use. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = start();

        private static ScheduledExecutorService start() {
            return new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "mp4j-queue-idle-checks");
                t.setDaemon(true);
                return t;
            });
        }
    }
}
