package io.github.mp4j.serializer.kryo.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Idle {@link KryoSession}s kept for reuse, in a small array of slots that threads take from and give back to
 * with one atomic operation each: no lock, no allocation once warm.
 *
 * <p>A thread starts at the slot its id hashes to and tries the next few, so a thread that encodes or decodes
 * repeatedly finds the session it gave back last. When every slot it tries is empty a new session is made; when
 * every slot it tries is full the session is dropped for the garbage collector. The cache therefore holds at most
 * one session per slot, however many threads come and go.
 */
public final class SessionCache {
    private static final int PROBES = 4;

    private final AtomicReference<KryoSession>[] slots;
    private final int mask;
    /** A session being made on a background thread, until a caller takes it. */
    private final AtomicReference<FutureTask<KryoSession>> preparing = new AtomicReference<>();
    private final Supplier<KryoSession> factory;

    /** A cache of at least {@code capacity} slots (rounded up to a power of two, at least {@value #PROBES}). */
    public SessionCache(int capacity) {
        this(capacity, KryoSession::new);
    }

    /** As {@link #SessionCache(int)}, making sessions with {@code factory}. */
    SessionCache(int capacity, Supplier<KryoSession> factory) {
        this.factory = factory;
        int size = Integer.highestOneBit(Math.max(PROBES, capacity) - 1) << 1;
        @SuppressWarnings("unchecked")
        AtomicReference<KryoSession>[] array = new AtomicReference[size];
        for (int i = 0; i < size; i++) {
            array[i] = new AtomicReference<>();
        }
        this.slots = array;
        this.mask = size - 1;
    }

    /**
     * Starts making one session on a daemon thread, so that the first {@link #obtain()} waits only for what is left
     * of it. Constructing a Kryo instance loads and registers some sixty serializer classes, which takes a freshly
     * started JVM a few hundred milliseconds; done in the background it overlaps with what the process does before
     * its first encode or decode (connecting, reading its arguments).
     */
    public void prepareInBackground() {
        FutureTask<KryoSession> task = new FutureTask<>(factory::get);
        if (preparing.compareAndSet(null, task)) {
            Thread t = new Thread(task, "mp4j-kryo-prepare");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * An idle session; else the one being prepared in the background (waiting for it to be ready); else a new one.
     */
    public KryoSession obtain() {
        if (preparing.getPlain() != null) {
            KryoSession prepared = takePrepared();
            if (prepared != null) {
                return prepared;
            }
        }
        int home = home();
        for (int i = 0; i < PROBES; i++) {
            AtomicReference<KryoSession> slot = slots[(home + i) & mask];
            if (slot.getPlain() != null) {
                KryoSession s = slot.getAndSet(null);
                if (s != null) {
                    return s;
                }
            }
        }
        return factory.get();
    }

    /** Gives a healthy session back; it is dropped if the slots this thread looks at are all full. */
    public void release(KryoSession session) {
        int home = home();
        for (int i = 0; i < PROBES; i++) {
            AtomicReference<KryoSession> slot = slots[(home + i) & mask];
            if (slot.getPlain() == null && slot.compareAndSet(null, session)) {
                return;
            }
        }
    }

    /** The prepared session, or null if another thread took it or preparing it failed (then obtain makes one). */
    private KryoSession takePrepared() {
        FutureTask<KryoSession> task = preparing.getAndSet(null);
        if (task == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int home() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) * 0x9E3779B9 >>> 16;
    }
}
