package io.github.mp4j.examples;

import static io.github.mp4j.examples.Log.log;
import static io.github.mp4j.examples.Log.seg;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.redis.RedisQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link JoinableQueue} kept in Redis, worked on by two worker JVMs: the same calls as {@link WorkerPoolDemo},
 * with {@code QueueFactory.builder().backend(RedisQueues.connect(uri))}. The workers could run on other hosts:
 * each connects its own {@link RedisQueues} and the queues it received attach through it.
 *
 * <p>Run with {@code mvn -B -q -pl examples exec:exec -Ddemo=DistributedQueueDemo} (needs {@code redis-server},
 * Debian's package: the demo starts one on a free loopback port and stops it afterwards). Run the class with a
 * URI argument ({@code redis://host:6379/0}) to use a server of your own instead.
 */
public final class DistributedQueueDemo {
    static final int STOP = -1;
    private static final int TASKS = 8;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private DistributedQueueDemo() {
    }

    /**
     * Runs the demo against {@code args[0]} ({@code redis://...}) or a {@code redis-server} started for it.
     *
     * @param args optionally the Redis URI
     * @throws Exception if a worker fails or does not end
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            run(args[0]);
            return;
        }
        try (LocalRedis server = LocalRedis.start()) {
            if (server == null) {
                log("skipped: redis-server is not installed (apt-get install redis-server)");
                return;
            }
            log("started redis-server for the demo");
            run(server.uri());
        }
    }

    static void run(String uri) throws Exception {
        seg("distributed queue start");
        try (RedisQueues redis = RedisQueues.connect(uri)) {
            QueueFactory mp = QueueFactory.builder().backend(redis).build();
            JoinableQueue<Integer> tasks = mp.joinableQueue();
            Queue<int[]> results = mp.queue();
            List<JvmProcess> workers = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                JvmProcess p = JvmProcess.builder(DistributedQueueDemo::worker).args(uri, tasks, results)
                        .name("worker-" + i).build();
                p.start();
                workers.add(p);
            }
            for (int n = 1; n <= TASKS; n++) {
                tasks.put(n);
            }
            log("put " + TASKS + " tasks in Redis; waiting in join()");
            if (!tasks.join(WAIT)) {
                throw new IllegalStateException("tasks not done within " + WAIT);
            }
            log("join() returned: every task is done");
            Map<Integer, Integer> squares = new TreeMap<>();
            for (int i = 0; i < TASKS; i++) {
                int[] r = results.get(WAIT);
                squares.put(r[0], r[1]);
            }
            log("results: " + squares);
            for (int i = 0; i < workers.size(); i++) {
                tasks.put(STOP);
            }
            for (JvmProcess p : workers) {
                if (!p.join(WAIT)) {
                    p.kill();
                    throw new IllegalStateException(p.name() + " did not stop within " + WAIT);
                }
                log(p.name() + " exitCode=" + p.exitCode().orElse(-1));
            }
            redis.delete(RedisQueues.nameOf(tasks));
            redis.delete(RedisQueues.nameOf(results));
        }
        seg("distributed queue end");
    }

    @SuppressWarnings("unchecked")
    static void worker(Object... args) throws Exception {
        try (RedisQueues redis = RedisQueues.connect((String) args[0])) {
            JoinableQueue<Integer> tasks = (JoinableQueue<Integer>) args[1];
            Queue<int[]> results = (Queue<int[]>) args[2];
            int done = 0;
            for (int n = tasks.get(); n != STOP; n = tasks.get()) {
                results.put(new int[] {n, n * n});
                tasks.taskDone();
                done++;
            }
            tasks.taskDone();
            log(Thread.currentThread().getName() + " stops after " + done + " tasks");
        }
    }
}
