package io.github.mp4j.queue;

import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests that drive a queue from child JVMs share: the children (stderr to a temporary log directory,
 * closed after each test), a thread pool for the owner's blocking calls, and a generous wait bound.
 */
abstract class ChildJvmTest {
    /** How long a test waits for a child or a blocking call before it fails. */
    static final Duration LONG = Duration.ofSeconds(60);
    final ExecutorService threads = Executors.newCachedThreadPool();
    private ChildJvms children;

    @BeforeEach
    void logsIn(@TempDir Path logs) {
        children = new ChildJvms(logs);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        threads.shutdownNow();
        children.closeAll();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Starts a child JVM running {@code target} with {@code args}. */
    JvmProcess start(ProcessTarget target, Object... args) {
        return children.start(target, args);
    }
}
