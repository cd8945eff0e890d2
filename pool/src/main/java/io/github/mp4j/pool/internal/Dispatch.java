package io.github.mp4j.pool.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Dispatch of pending tasks to workers: each goes to the least-loaded ready worker, at most {@value #PREFETCH} at
 * a time per worker (one running, one waiting there), so a worker that dies holds at most one task that had begun.
 * A worker that reached {@code maxTasksPerChild} gets no more. A map chunk goes after its map's function, which each
 * worker gets once. Called with the {@link Scheduler}'s lock held.
 */
final class Dispatch {
    static final int PREFETCH = 2;

    private Dispatch() {
    }

    /**
     * Sends pending tasks (skipping those already done) to the least-loaded ready workers until none is free. A
     * worker whose pipe refuses the frame is marked unusable (its reader sees the death and replaces it) and the
     * task goes back to the head of {@code pending}.
     */
    static void pump(ArrayDeque<PoolTask> pending, List<WorkerHandle> live, int maxTasksPerChild) {
        while (!pending.isEmpty()) {
            WorkerHandle w = leastLoaded(live, maxTasksPerChild);
            if (w == null) {
                return;
            }
            PoolTask task = pending.poll();
            if (task.isDone()) {
                continue;
            }
            w.inFlight.add(task);
            w.sent++;
            task.worker = w;
            try {
                MapFunction f = task.function;
                if (f != null && !w.functions.contains(f.id)) {
                    w.connection().sendBytes(f.frame); // once per worker per map, before its first chunk there
                    w.functions.add(f.id);
                }
                w.connection().sendBytes(task.frame);
            } catch (IOException | RuntimeException e) {
                w.inFlight.removeLast();
                w.unusable = true; // its reader sees the death and replaces it
                pending.addFirst(task);
            }
        }
    }

    private static WorkerHandle leastLoaded(List<WorkerHandle> live, int maxTasksPerChild) {
        WorkerHandle best = null;
        for (WorkerHandle w : live) {
            if (w.ready && !w.unusable && w.inFlight.size() < PREFETCH
                    && (maxTasksPerChild == 0 || w.sent < maxTasksPerChild)
                    && (best == null || w.inFlight.size() < best.inFlight.size())) {
                best = w;
            }
        }
        return best;
    }
}
