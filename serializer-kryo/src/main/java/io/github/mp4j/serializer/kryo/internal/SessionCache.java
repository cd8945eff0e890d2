package io.github.mp4j.serializer.kryo.internal;

import java.util.concurrent.atomic.AtomicReference;

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

    /** A cache of at least {@code capacity} slots (rounded up to a power of two, at least {@value #PROBES}). */
    public SessionCache(int capacity) {
        int size = Integer.highestOneBit(Math.max(PROBES, capacity) - 1) << 1;
        @SuppressWarnings("unchecked")
        AtomicReference<KryoSession>[] array = new AtomicReference[size];
        for (int i = 0; i < size; i++) {
            array[i] = new AtomicReference<>();
        }
        this.slots = array;
        this.mask = size - 1;
    }

    /** An idle session, or a new one if the slots this thread looks at are empty. */
    public KryoSession obtain() {
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
        return new KryoSession();
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

    private static int home() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) * 0x9E3779B9 >>> 16;
    }
}
