package io.github.mp4j.pool.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.process.ProcessTarget;
import java.io.IOException;

/**
 * The target every worker JVM runs: {@code args = {Connection toParent, Runnable initializer or null, Integer
 * maxTasks (0 = no limit), String serializer name}}. Runs the initializer (if it throws, reports INIT_FAILED and
 * exits with 1), says READY, then serves the parent's frames with a {@link WorkerLoop} until the parent closes its
 * end or {@code maxTasks} tasks have run.
 */
public final class WorkerMain implements ProcessTarget {
    private static final long serialVersionUID = 1L;

    @Override
    public void run(Object... args) throws Exception {
        Connection parent = (Connection) args[0];
        Runnable initializer = (Runnable) args[1];
        int maxTasks = (Integer) args[2];
        TaskRunner tasks = new TaskRunner(ConnectionOptions.builder().serializer((String) args[3]).build()
                .serializer());
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
                WorkerLoop.exit(1);
            }
        }
        try {
            parent.send(Wire.message(Wire.NO_TASK, Wire.READY, ProcessHandle.current().pid()));
        } catch (IOException e) {
            WorkerLoop.exit(0); // the pool was shut down while this worker started
        }
        new WorkerLoop(parent, maxTasks, tasks).run();
    }
}
