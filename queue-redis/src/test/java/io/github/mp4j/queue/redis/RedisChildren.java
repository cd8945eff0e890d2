package io.github.mp4j.queue.redis;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueFullException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import java.time.Duration;

/**
 * What the child JVMs of the Redis tests run; each method is a {@link io.github.mp4j.process.ProcessTarget}.
 * args[0] is always the server URI: a child connects its own {@link RedisQueues} (2 s lease) before it uses the
 * queues it received, which attach through it.
 */
@SuppressWarnings("try") // a child's RedisQueues is open for the queues it received, which attach through it
final class RedisChildren {
    /** The lease children take: short, so that a killed child's items come back quickly. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private RedisChildren() {
    }

    static RedisQueues connect(Object uri) {
        return RedisQueues.builder((String) uri).lease(LEASE)
                .handleTypePolicy(TypePolicy.defaults().allowPackages("io.github.mp4j.queue.redis")).build();
    }

    /** Puts the integers args[2] (inclusive) to args[3] (exclusive) on the queue args[1]. */
    @SuppressWarnings("unchecked")
    static void produce(Object... args) throws Exception {
        try (RedisQueues redis = connect(args[0])) {
            Queue<Integer> q = (Queue<Integer>) args[1];
            for (int i = (Integer) args[2]; i < (Integer) args[3]; i++) {
                q.put(i);
            }
        }
    }

    /**
     * Opens the queue named args[1] by name with background puts (a queue received as a handle would be closed by
     * the child's runtime at exit, which sends what waits), waits until the key args[3] exists, puts the integers 0
     * to args[2] (exclusive) and exits the JVM at once without closing anything: what waits is sent by the shutdown
     * hook.
     */
    static void produceInBackgroundAndExit(Object... args) throws Exception {
        RedisQueues redis = RedisQueues.builder((String) args[0]).lease(LEASE).backgroundPuts(true)
                .timeout(Duration.ofSeconds(60)).build();
        Queue<Integer> q = redis.queue(io.github.mp4j.queue.QueueFactory.builder().serializer("kryo").backend(redis)
                .build(), (String) args[1], 0);
        java.net.URI uri = java.net.URI.create((String) args[0]);
        try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis(uri.getHost(), uri.getPort())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!j.exists((String) args[3])) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no key " + args[3] + " within 60 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // polling with a deadline
            }
        }
        for (int i = 0; i < (Integer) args[2]; i++) {
            q.put(i);
        }
        System.exit(0); // at once, without closing: the feeder's items still wait
    }

    /** Moves integers from args[1] to args[2] until it gets a negative one. */
    @SuppressWarnings("unchecked")
    static void consume(Object... args) throws Exception {
        try (RedisQueues redis = connect(args[0])) {
            Queue<Integer> q = (Queue<Integer>) args[1];
            SimpleQueue<Integer> results = (SimpleQueue<Integer>) args[2];
            for (int v = q.get(); v >= 0; v = q.get()) {
                results.put(v);
            }
        }
    }

    /** Squares tasks from joinable args[1] onto args[2], marking each done, until (and including) a negative one. */
    @SuppressWarnings("unchecked")
    static void squareWorker(Object... args) throws Exception {
        try (RedisQueues redis = connect(args[0])) {
            JoinableQueue<Integer> tasks = (JoinableQueue<Integer>) args[1];
            SimpleQueue<Integer> results = (SimpleQueue<Integer>) args[2];
            for (int t = tasks.get(); t >= 0; t = tasks.get()) {
                results.put(t * t);
                tasks.taskDone();
            }
            tasks.taskDone();
        }
    }

    /** Takes args[3] tasks from args[1], reports each as "took X" on args[2], then hangs without taskDone. */
    @SuppressWarnings("unchecked")
    static void takeTasksThenHang(Object... args) throws Exception {
        connect(args[0]);
        JoinableQueue<Object> tasks = (JoinableQueue<Object>) args[1];
        SimpleQueue<String> reports = (SimpleQueue<String>) args[2];
        for (int i = 0; i < (Integer) args[3]; i++) {
            reports.put("took " + tasks.get());
        }
        Thread.sleep(Long.MAX_VALUE); // holds its tasks until it is killed
    }

    /** Reports "getting" on args[2], then gets a {@link SlowToDecode} from args[1] and never finishes decoding. */
    @SuppressWarnings("unchecked")
    static void hangInDecode(Object... args) throws Exception {
        System.setProperty("mp4j.test.hangInDecode", "true");
        connect(args[0]);
        ((SimpleQueue<String>) args[2]).put("getting");
        ((Queue<Object>) args[1]).get();
    }

    /** Tries putNowait args[3] times on args[1]; puts how many were admitted on args[2]. */
    @SuppressWarnings("unchecked")
    static void putNowaitUntilFull(Object... args) throws Exception {
        try (RedisQueues redis = connect(args[0])) {
            Queue<String> q = (Queue<String>) args[1];
            int admitted = 0;
            for (int i = 0; i < (Integer) args[3]; i++) {
                try {
                    q.putNowait(ProcessHandle.current().pid() + "-" + i);
                    admitted++;
                } catch (QueueFullException full) {
                    // counted by not counting it
                }
            }
            ((SimpleQueue<Integer>) args[2]).put(admitted);
        }
    }

    /** Gets one item from args[1] and reports it, or the exception's class and message, on args[2]. */
    @SuppressWarnings("unchecked")
    static void getAndReport(Object... args) throws Exception {
        try (RedisQueues redis = connect(args[0])) {
            SimpleQueue<String> reports = (SimpleQueue<String>) args[2];
            try {
                reports.put("got " + ((Queue<Object>) args[1]).get());
            } catch (RuntimeException e) {
                reports.put(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    /** Prints "waiting", then blocks in get on args[1] and prints what it got or the exception, on stdout. */
    @SuppressWarnings("unchecked")
    static void getAndPrint(Object... args) throws Exception {
        try (RedisQueues redis = connect(args[0])) {
            Queue<Object> q = (Queue<Object>) args[1];
            q.qsize();
            System.out.println("waiting");
            System.out.flush();
            try {
                System.out.println("got " + q.get());
            } catch (RuntimeException e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    /** Without connecting a RedisQueues, uses the queue args[1] and prints the exception on stdout. */
    @SuppressWarnings("unchecked")
    static void useWithoutConnecting(Object... args) {
        try {
            ((Queue<Object>) args[1]).qsize();
            System.out.println("attached");
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /**
     * Connects with prefetch args[3] and a 10 minute prefetch idle (items taken ahead stay until it dies), gets one
     * item from args[1], reports "got X" on args[2], then hangs until it is killed.
     */
    @SuppressWarnings("unchecked")
    static void getOneHoldingMoreThenHang(Object... args) throws Exception {
        RedisQueues.builder((String) args[0]).lease(LEASE).prefetch((Integer) args[3])
                .prefetchIdle(Duration.ofMinutes(10)).build();
        Object got = ((Queue<Object>) args[1]).get();
        ((SimpleQueue<String>) args[2]).put("got " + got);
        Thread.sleep(Long.MAX_VALUE); // holds the items it took ahead until it is killed
    }
}
