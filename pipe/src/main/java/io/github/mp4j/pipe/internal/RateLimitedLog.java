package io.github.mp4j.pipe.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a repeated condition at most once per interval per key, adding how many similar messages were left out
 * since the last one. Logging never throws: a failure inside the logging back end (for example classes it cannot
 * load while the process is out of file descriptors) is swallowed, so a loop that logs cannot die of it.
 *
 * <p>Creating one loads what the log path needs (its own classes, the logger back end, time-zone data and the
 * formatter), so a first warning written when descriptors are exhausted (when no class file can be opened) finds
 * them already loaded.
 */
public final class RateLimitedLog {
    private final System.Logger logger;
    private final long intervalNanos;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** Logs through {@code logger}, each key at most once per {@code interval}. */
    public RateLimitedLog(System.Logger logger, Duration interval) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.intervalNanos = interval.toNanos();
        preload(logger);
        slots.remove(slot("").toString());
    }

    /**
     * Logs {@code message} under {@code key} unless a message with that key was logged less than one interval
     * ago (then it only counts it).
     *
     * @return whether it was logged
     */
    public boolean log(System.Logger.Level level, String key, String message) {
        Slot slot = slot(key);
        long suppressed;
        synchronized (slot) {
            long now = System.nanoTime();
            if (slot.logged && now - slot.lastNanos < intervalNanos) {
                slot.suppressed++;
                return false;
            }
            suppressed = slot.suppressed;
            slot.suppressed = 0;
            slot.logged = true;
            slot.lastNanos = now;
        }
        try {
            logger.log(level, suppressed == 0 ? message
                    : message + " (" + suppressed + " similar messages left out since the last one)");
        } catch (Throwable t) {
            // The logging back end failed (e.g. out of descriptors); the caller must go on regardless.
        }
        return true;
    }

    /** The slot of {@code key}; also called once at construction so its classes are loaded before any failure. */
    private Slot slot(String key) {
        return slots.computeIfAbsent(key, k -> new Slot(k));
    }

    private static void preload(System.Logger logger) {
        try {
            logger.isLoggable(System.Logger.Level.ERROR);
            java.util.TimeZone.getDefault();
            java.util.Calendar.getInstance();
            String.format("%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s", ZonedDateTime.now(), "");
        } catch (Throwable t) {
            // best effort only
        }
    }

    private static final class Slot {
        final String key;
        boolean logged;
        long lastNanos;
        long suppressed;

        Slot(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }
}
