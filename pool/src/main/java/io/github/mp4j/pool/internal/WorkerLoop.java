package io.github.mp4j.pool.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.internal.DaemonThreads;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A worker's two threads over its connection to the parent: the reader reads the parent's frames (a cancel
 * interrupts the task it names, or drops it before it starts; anything else queues up in the order sent) while the
 * task thread runs the queue one frame at a time (tasks, map chunks, map functions and their ends) and sends each
 * outcome. The worker exits when the parent closes its end (end of file) or after {@code maxTasks} tasks.
 *
 * <p>Measured against a leader/follower variant (the thread that reads a task runs it and the other takes over
 * reading, so no hand-off lies on the task's way): under load on 2 cores the extra role swaps cost more than the
 * hand-off they save (submit round trip 550-770 us against 310-530 us, same run), so the plain split stays.
 */
final class WorkerLoop {
    private static final System.Logger LOG = System.getLogger(WorkerLoop.class.getName());

    private final Connection parent;
    private final int maxTasks;
    private final TaskRunner tasks;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Object runningLock = new Object();
    private final Set<Long> cancelled = new HashSet<>();
    private long running = Wire.NO_TASK;
    private Thread taskThread;

    /** @param maxTasks tasks after which the worker exits, 0 for no limit */
    WorkerLoop(Connection parent, int maxTasks, TaskRunner tasks) {
        this.parent = parent;
        this.maxTasks = maxTasks;
        this.tasks = tasks;
    }

    /** Starts the task thread and reads on this one; returns never (the worker exits). */
    void run() {
        taskThread = DaemonThreads.start("mp4j-pool-task", this::runTasks);
        try {
            while (true) {
                byte[] frame = parent.recvBytes();
                if (frame[0] == Wire.CANCEL) {
                    cancel(Wire.id(frame), frame[9] != 0);
                } else {
                    queue.add(frame);
                }
            }
        } catch (EOFException | ConnectionClosedException e) {
            exit(0); // the parent closed its end: shutdown, or the parent is gone
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "worker cannot read from its pool, exiting: " + e, e);
            exit(1);
        }
    }

    private void cancel(long id, boolean interrupt) {
        synchronized (runningLock) {
            if (running == id) {
                if (interrupt) {
                    taskThread.interrupt();
                }
            } else {
                cancelled.add(id);
            }
        }
    }

    private void runTasks() {
        int done = 0;
        try {
            while (maxTasks == 0 || done < maxTasks) {
                byte[] frame = queue.take();
                if (!Wire.isTask(frame)) {
                    tasks.mapFunction(frame);
                    continue;
                }
                long id = Wire.id(frame);
                done++;
                Object[] outcome = begin(id) ? tasks.run(id, frame) : Wire.message(id, Wire.CANCELLED, null);
                synchronized (runningLock) {
                    running = Wire.NO_TASK;
                    Thread.interrupted(); // a cancel that came as the task ended must not strike the next one
                }
                send(id, outcome);
            }
            parent.close();
            exit(0); // maxTasksPerChild reached: the pool starts a fresh worker
        } catch (InterruptedException | IOException e) {
            exit(1);
        }
    }

    /** Marks task {@code id} running; false if it was cancelled before it began. */
    private boolean begin(long id) {
        synchronized (runningLock) {
            if (cancelled.remove(id)) {
                return false;
            }
            running = id;
            return true;
        }
    }

    /** Sends the outcome; a result the pool's serializer or policy refuses fails this task only. */
    private void send(long id, Object[] outcome) throws IOException {
        try {
            parent.send(outcome);
        } catch (SerializationException e) { // TypeNotAllowedException included
            parent.send(Wire.message(id, Wire.ERROR, RemoteErrors.flatten(e)));
        }
    }

    static void exit(int code) {
        System.exit(code);
    }
}
