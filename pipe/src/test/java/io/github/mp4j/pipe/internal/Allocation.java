package io.github.mp4j.pipe.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Bytes the current thread has allocated on the heap so far (HotSpot's per-thread counter). Looked up
 * reflectively: the tests compile inside this module, which does not read {@code jdk.management}; they run on
 * the class path, where it is readable.
 */
final class Allocation {
    private static final MethodHandle CURRENT_THREAD_ALLOCATED;
    private static final MethodHandle THREAD_ALLOCATED;
    private static final Object THREADS;

    static {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            THREADS = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            CURRENT_THREAD_ALLOCATED = MethodHandles.publicLookup().findVirtual(bean,
                    "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class)).bindTo(THREADS);
            THREAD_ALLOCATED = MethodHandles.publicLookup().findVirtual(bean, "getThreadAllocatedBytes",
                    MethodType.methodType(long.class, long.class)).bindTo(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocation() {
    }

    static long ofCurrentThread() {
        try {
            return (long) CURRENT_THREAD_ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the thread's allocation counter", e);
        }
    }

    /** Bytes thread {@code t} has allocated on the heap so far. */
    static long ofThread(Thread t) {
        try {
            return (long) THREAD_ALLOCATED.invokeExact(t.getId());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the thread's allocation counter", e);
        }
    }
}
