package io.github.mp4j.pool.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The parent's side of one worker JVM: its process, its end of the pipe, the tasks sent to it whose outcome has
 * not come back, oldest first, and the map functions it holds. The worker runs tasks in the order received, so the oldest is the one running.
 * Guarded by the {@link Scheduler}'s lock, except the process and pipe, which are final.
 */
final class WorkerHandle {
    final String name;
    final JvmProcess process;
    final Pipe pipe;
    final ArrayDeque<PoolTask> inFlight = new ArrayDeque<>();
    /** The ids of the map functions sent to this worker and not forgotten. */
    final Set<Long> functions = new HashSet<>();
    int sent;
    boolean ready;
    boolean unusable;
    long pid = -1;
    io.github.mp4j.pool.RemoteTaskException initFailure;

    WorkerHandle(String name, JvmProcess process, Pipe pipe) {
        this.name = name;
        this.process = process;
        this.pipe = pipe;
    }

    /** The parent's end. */
    Connection connection() {
        return pipe.second();
    }

    /** Removes and returns the in-flight task with {@code id}, or null if it holds none. */
    PoolTask takeInFlight(long id) {
        for (var it = inFlight.iterator(); it.hasNext();) {
            PoolTask t = it.next();
            if (t.id == id) {
                it.remove();
                return t;
            }
        }
        return null;
    }

    /** E.g. {@code "JvmPool-1-worker-2, pid 4242"}. */
    String label() {
        return name + ", pid " + pid;
    }

    /** Waits for the process to end (killing it if it lingers) and returns its exit code, -1 if unknown. */
    int awaitExit() {
        try {
            if (!process.join(java.time.Duration.ofSeconds(10))) {
                process.kill();
                process.join(java.time.Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            return -1; // never started
        }
        OptionalInt code = process.exitCode();
        return code.isPresent() ? code.getAsInt() : -1;
    }

    void closePipe() {
        try {
            pipe.close();
        } catch (IOException e) {
            System.getLogger(WorkerHandle.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing the pipe of {0}: {1}", name, e);
        }
    }
}
