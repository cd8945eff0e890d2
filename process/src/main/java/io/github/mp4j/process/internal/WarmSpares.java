package io.github.mp4j.process.internal;

import io.github.mp4j.pipe.internal.DaemonThreads;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;

/**
 * Idle child JVMs, started ahead of need on a given launch configuration and waiting in {@link ChildMain} for a
 * launch spec: the role of CPython's {@code forkserver}. {@link #take} hands out a live spare of the configuration
 * (or none) and starts replacements in the background, so that at most {@code wanted} are idle per configuration.
 * Spares are daemon children of this JVM: the at-exit hook terminates them, and a spare whose parent dies reads
 * end of file where its spec would be and exits quietly.
 */
public final class WarmSpares {
    /** The system property that tells {@link ChildMain} it is a spare (it then warms up while it waits). */
    public static final String SPARE_PROPERTY = "mp4j.spare";

    /**
     * The system property naming the file a spare creates once its warm-up is done: until then it is idle but not
     * {@linkplain #idle ready}.
     */
    public static final String READY_PROPERTY = "mp4j.spare.ready";

    private static final Map<Key, ArrayDeque<Spare>> IDLE = new HashMap<>();
    private static final Map<Key, Integer> STARTING = new HashMap<>();
    private static final ScheduledExecutorService STARTER = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("mp4j-spares"));
    /**
     * How long after a spare is taken its replacement starts ({@code -Dmp4j.spare.replacementDelayMillis}, default
     * 250): a JVM start and warm-up take a core or two for a second, which the taken spare needs for its first
     * message more; a request that finds no spare starts the missing ones at once.
     */
    static final long REPLACEMENT_DELAY_MILLIS = Long.getLong("mp4j.spare.replacementDelayMillis", 250);

    private WarmSpares() {
    }

    /** A launch configuration: spares match a request when every part is equal. */
    public record Key(List<String> jvmOptions, List<Path> classPath, boolean classDataSharing, Redirect output,
            Redirect error) {
        public Key {
            Objects.requireNonNull(jvmOptions);
            Objects.requireNonNull(output);
            Objects.requireNonNull(error);
        }
    }

    /** A spare JVM and the file it creates once warmed up. */
    record Spare(Process process, ReadyMarker ready) {
    }

    /**
     * A live idle spare of {@code key}, now owned by the caller, or null when none is running; in both cases starts
     * spares in the background until {@code wanted} are idle or starting (after {@link #REPLACEMENT_DELAY_MILLIS}
     * when a spare was taken, at once when none was there). A spare that has finished its warm-up is
     * preferred over one still warming up (which is still taken when it is the only one: its JVM start is done).
     */
    public static Process take(Key key, int wanted) {
        Spare spare = null;
        synchronized (WarmSpares.class) {
            ArrayDeque<Spare> idle = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>());
            idle.removeIf(WarmSpares::dead);
            for (Spare s : idle) {
                if (s.ready().isSet()) {
                    spare = s;
                    break;
                }
            }
            if (spare == null) {
                spare = idle.peek();
            }
            if (spare == null) {
                topUp(key, wanted);
                return null;
            }
            idle.remove(spare);
        }
        STARTER.schedule(() -> prestart(key, wanted), REPLACEMENT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        spare.ready().discard();
        return spare.process();
    }

    /** Starts spares of {@code key} in the background until {@code wanted} are idle or starting. */
    public static synchronized void prestart(Key key, int wanted) {
        topUp(key, wanted);
    }

    /** The live idle spares of {@code key} that have finished their warm-up (ready to run a target at once). */
    public static synchronized int idle(Key key) {
        ArrayDeque<Spare> idle = IDLE.get(key);
        if (idle == null) {
            return 0;
        }
        idle.removeIf(WarmSpares::dead);
        return (int) idle.stream().filter(s -> s.ready().isSet()).count();
    }

    private static boolean dead(Spare s) {
        if (s.process().isAlive()) {
            return false;
        }
        s.ready().discard();
        return true;
    }

    private static void topUp(Key key, int wanted) {
        ArrayDeque<Spare> idle = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>());
        idle.removeIf(WarmSpares::dead);
        int starting = STARTING.getOrDefault(key, 0);
        for (int i = idle.size() + starting; i < wanted; i++) {
            STARTING.merge(key, 1, Integer::sum);
            STARTER.execute(() -> startOne(key));
        }
    }

    private static void startOne(Key key) {
        Spare p = null;
        try {
            ReadyMarker ready = ReadyMarker.create();
            p = new Spare(ChildLauncher.launchSpare(key, ready), ready);
            SpareChannel.introduce(p.process());
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.process().destroyForcibly(); // a spare that cannot be introduced would wait for ever
                p.ready().discard();
                p = null;
            }
            System.getLogger(WarmSpares.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot start a warm spare JVM: {0}", e.toString());
        }
        synchronized (WarmSpares.class) {
            STARTING.merge(key, -1, Integer::sum);
            if (p != null) {
                IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).add(p);
            }
        }
    }
}
