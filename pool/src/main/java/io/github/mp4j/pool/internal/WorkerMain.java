package io.github.mp4j.pool.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.DaemonThreads;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.spi.Serializer;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The target every worker JVM runs: {@code args = {Connection toParent, Runnable initializer or null, Integer
 * maxTasks (0 = no limit), String serializer name}}. Runs the initializer, says READY, then this thread reads the
 * parent's frames (tasks, map functions and their ends queue up for the task thread in the order sent; a cancel
 * interrupts the task it names, or drops it before it starts) while a second thread runs tasks one at a time and
 * sends each outcome. A map chunk runs the map's function, received once before the map's first chunk here and
 * kept until the parent's FORGET. The worker ends when the parent closes its end (end of file) or after
 * {@code maxTasks} tasks.
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
    /** Map functions by id (task thread only): the function, or the Throwable that decoding it threw. */
    private final Map<Long, Object> functions = new HashMap<>();
    private Serializer serializer;
    private long running = Wire.NO_TASK;
    private Thread taskThread;

    void run(Object... args) {
        Connection parent = (Connection) args[0];
        Runnable initializer = (Runnable) args[1];
        int maxTasks = (Integer) args[2];
        serializer = ConnectionOptions.builder().serializer((String) args[3]).build().serializer();
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
                if (frame[0] == Wire.CANCEL) {
                    cancel(Wire.id(frame), frame[9] != 0);
                } else {
                    tasks.add(frame); // tasks, chunks, map functions and their ends: in the order sent
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
                if (!Wire.isTask(frame)) {
                    mapFunction(frame, id);
                    continue;
                }
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

    /** A FUNCTION frame: decode and keep the map's function (or why it failed); a FORGET frame: drop it. */
    private void mapFunction(byte[] frame, long fn) {
        if (frame[0] == Wire.FORGET) {
            functions.remove(fn);
            return;
        }
        Object function;
        try {
            function = Wire.function(frame);
        } catch (Throwable t) { // every chunk of this map fails with it
            function = t;
        }
        functions.put(fn, Wire.pairs(frame) ? new Pairs(function) : function);
    }

    private Object[] runOne(long id, byte[] frame) {
        try {
            return Wire.message(id, Wire.RESULT, frame[0] == Wire.TASK ? Wire.work(frame).run() : runChunk(frame));
        } catch (Throwable t) {
            return Wire.message(id, Wire.ERROR, RemoteErrors.flatten(t));
        }
    }

    private Object runChunk(byte[] frame) throws Throwable {
        long fn = Wire.chunkFunction(frame);
        Object function = functions.get(fn);
        if (function == null) {
            throw new IllegalStateException("map function " + fn + " is unknown in this worker: its chunk came"
                    + " after the map ended");
        }
        boolean pairs = function instanceof Pairs;
        Object f = pairs ? ((Pairs) function).function : function;
        if (f instanceof Throwable) {
            throw (Throwable) f;
        }
        return MapFunction.apply(f, pairs, Wire.elements(frame, serializer));
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

    /** A starmap's function (or why it failed to decode), applied to pairs. */
    private record Pairs(Object function) {
    }
}
