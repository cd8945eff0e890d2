package io.github.mp4j.pool.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.process.ProcessTarget;
import java.io.EOFException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The target every worker JVM runs: {@code args = {Connection toParent, Runnable initializer or null, Integer
 * maxTasks (0 = no limit)}}. Runs the initializer, says READY, then this thread reads the parent's frames (tasks
 * queue up for the task thread; a cancel interrupts the task it names, or drops it before it starts) while a
 * second thread runs tasks one at a time and sends each outcome. The worker ends when the parent closes its end
 * (end of file) or after {@code maxTasks} tasks.
 */
public final class WorkerMain implements ProcessTarget {
    private static final long serialVersionUID = 1L;

    @Override
    public void run(Object... args) throws Exception {
        new Loop().run(args);
    }

    /** The worker's state (a fresh object in the worker: the target itself arrives by deserialization). */
    private static final class Loop {
    private final LinkedBlockingQueue<byte[]> tasks = new LinkedBlockingQueue<>();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
    private final Object runningLock = new Object();
    private long running = Wire.NO_TASK;
    private Thread taskThread;

    void run(Object... args) {
        Connection parent = (Connection) args[0];
        Runnable initializer = (Runnable) args[1];
        int maxTasks = (Integer) args[2];
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                try {
                    parent.send(Wire.message(Wire.NO_TASK, Wire.INIT_FAILED, RemoteErrors.flatten(t)));
                    parent.close();
                } catch (IOException | RuntimeException e) {
                    t.addSuppressed(e);
                }
                exit(1);
            }
        }
        try {
            parent.send(Wire.message(Wire.NO_TASK, Wire.READY, ProcessHandle.current().pid()));
        } catch (IOException e) {
            exit(0); // the pool was shut down while this worker started
        }
        taskThread = DaemonThreads.start("mp4j-pool-task", () -> runTasks(parent, maxTasks));
        readFrames(parent);
    }

    private void readFrames(Connection parent) {
        try {
            while (true) {
                byte[] frame = parent.recvBytes();
                if (frame[0] == Wire.TASK) {
                    tasks.add(frame);
                } else if (frame[0] == Wire.CANCEL) {
                    cancel(Wire.id(frame), frame[9] != 0);
                }
            }
        } catch (EOFException | ConnectionClosedException e) {
            exit(0); // the parent closed its end: shutdown, or the parent is gone
        } catch (IOException | RuntimeException e) {
            System.getLogger(WorkerMain.class.getName()).log(System.Logger.Level.ERROR,
                    "worker cannot read from its pool, exiting: " + e, e);
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

    private void runTasks(Connection parent, int maxTasks) {
        int done = 0;
        try {
            while (maxTasks == 0 || done < maxTasks) {
                byte[] frame = tasks.take();
                long id = Wire.id(frame);
                done++;
                if (cancelled.remove(id)) {
                    parent.send(Wire.message(id, Wire.CANCELLED, null));
                    continue;
                }
                synchronized (runningLock) {
                    running = id;
                }
                Object[] outcome = runOne(id, frame);
                synchronized (runningLock) {
                    running = Wire.NO_TASK;
                    Thread.interrupted(); // a cancel that came as the task ended must not strike the next one
                }
                send(parent, id, outcome);
            }
            parent.close();
            exit(0); // maxTasksPerChild reached: the pool starts a fresh worker
        } catch (InterruptedException | IOException e) {
            exit(1);
        }
    }

    private static Object[] runOne(long id, byte[] frame) {
        try {
            return Wire.message(id, Wire.RESULT, Wire.work(frame).run());
        } catch (Throwable t) {
            return Wire.message(id, Wire.ERROR, RemoteErrors.flatten(t));
        }
    }

    /** Sends the outcome; a result the pool's serializer or policy refuses fails this task only. */
    private static void send(Connection parent, long id, Object[] outcome) throws IOException {
        try {
            parent.send(outcome);
        } catch (SerializationException e) { // TypeNotAllowedException included
            parent.send(Wire.message(id, Wire.ERROR, RemoteErrors.flatten(e)));
        }
    }

    private static void exit(int code) {
        System.exit(code);
    }
    }
}
