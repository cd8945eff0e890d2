package io.github.mp4j.benchmarks;

import io.github.mp4j.Queue;
import io.github.mp4j.benchmarks.internal.CommandCount;
import io.github.mp4j.benchmarks.internal.Payloads;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.redis.RedisQueues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Queues through Redis (puts that wait for Redis, and {@code backgroundPuts(true)}) next to the same-host queue and
 * next to a plain CPython redis-py loop ({@code LPUSH} / {@code BRPOP}) on the same server: 1 producer / 1 consumer and 1 producer / 2 consumer processes, items per
 * second, medians of the repetitions. mp4j items are {@link SmallRecord}s with Kryo; Python's are
 * {@code json.dumps} of the same dict. Consumers are started and attached before the timer, which runs from the
 * first put to the last consumer's "done".
 *
 * <p>{@code mvn -B -q -pl benchmarks exec:exec -Dbench=RedisSideBySide -Dbench.args="--items 100000 --repeats 3"};
 * {@code --redis URI} uses a running server, otherwise {@code redis-server} is started on a free loopback port;
 * {@code --warmup W} has each consumer child put and get W items through a scratch queue before it says ready
 * (default 0: consumers start with a cold JIT, as a fresh child does).
 */
public final class RedisSideBySide {
    private static final Duration LONG = Duration.ofMinutes(10);

    private static final String PYTHON = String.join("\n",
            "import json, sys, time, redis, multiprocessing as mp",
            "port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])",
            "def consumer(k):",
            "    r = redis.Redis(port=port); r.rpush('py:ready', 1)",
            "    for _ in range(k): r.brpop('py:items')",
            "    r.rpush('py:done', 1)",
            "r = redis.Redis(port=port); r.delete('py:items', 'py:ready', 'py:done')",
            "ps = [mp.Process(target=consumer, args=(n // c,)) for _ in range(c)]",
            "[p.start() for p in ps]",
            "[r.blpop('py:ready') for _ in ps]",
            "t0 = time.perf_counter()",
            "for i in range(n):",
            "    r.lpush('py:items', json.dumps({'id': i, 'name': 'item-%d' % i, 'tags': ['a', 'b'], 'score': 1.5}))",
            "[r.blpop('py:done') for _ in ps]",
            "print(n / (time.perf_counter() - t0))",
            "[p.join() for p in ps]",
            "");

    private RedisSideBySide() {
    }

    public static void main(String[] argv) throws Exception {
        // exec:exec passes -Dbench.args as one argument: split it on whitespace, as SideBySide does.
        String[] args = java.util.Arrays.stream(argv).flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+")))
                .filter(a -> !a.isEmpty()).toArray(String[]::new);
        int items = 100_000;
        int repeats = 3;
        int warmup = 0;
        String uri = null;
        String pythonPath = "/usr/bin/python3";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--items" -> items = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--redis" -> uri = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--python" -> pythonPath = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --items N --repeats R --warmup W --redis URI --python PATH");
            }
        }
        Process server = null;
        if (uri == null) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("mp4j-bench-redis-");
            server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no")
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            uri = "redis://127.0.0.1:" + port + "/0";
            awaitServer(uri);
        }
        try {
            run(uri, items, repeats, warmup, pythonPath);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitServer(String uri) throws InterruptedException {
        long deadline = Deadline.after(Duration.ofSeconds(30));
        for (;;) {
            try (RedisQueues probe = RedisQueues.connect(uri)) {
                probe.delete("probe");
                return;
            } catch (RuntimeException notYet) {
                if (Deadline.passed(deadline)) {
                    throw notYet;
                }
                Thread.sleep(20); // waiting for the server to listen, bounded by the deadline
            }
        }
    }

    private static void run(String uri, int items, int repeats, int warmup, String pythonPath)
            throws Exception {
        String[] rows = {"python redis-py LPUSH/BRPOP", "mp4j Redis queue (kryo)", "mp4j Redis, background puts",
                "mp4j same-host queue (kryo)"};
        double[][][] rates = new double[2][rows.length][repeats];
        // [1p1c, 1p2c][row 0-2][commands, scripts, server CPU us] per item, last repetition
        double[][][] costs = new double[2][3][3];
        try (RedisQueues redis = RedisQueues.connect(uri);
             RedisQueues background = RedisQueues.builder(uri).backgroundPuts(true).build()) {
            QueueFactory viaRedis = QueueFactory.builder().serializer("kryo").typePolicy(Payloads.policy())
                    .backend(redis).build();
            QueueFactory viaRedisBackground = QueueFactory.builder().serializer("kryo")
                    .typePolicy(Payloads.policy()).backend(background).build();
            QueueFactory local = Payloads.factory("kryo");
            for (int r = 0; r < repeats; r++) {
                for (int c = 1; c <= 2; c++) {
                    final int consumers = c;
                    Cost python = new Cost(uri, items);
                    rates[c - 1][0][r] = python(pythonPath, uri, items, consumers);
                    python.end(costs[c - 1][0]);
                    rates[c - 1][1][r] = mp4j(viaRedis, uri, items, consumers, warmup, costs[c - 1][1]);
                    rates[c - 1][2][r] = mp4j(viaRedisBackground, uri, items, consumers, warmup, costs[c - 1][2]);
                    rates[c - 1][3][r] = mp4j(local, uri, items, c, 0, null);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %14s %14s%n", "items/s (median of " + repeats + ")", "1p1c", "1p2c");
        for (int row = 0; row < rows.length; row++) {
            System.out.printf(Locale.ROOT, "%-34s %14.0f %14.0f%n", rows[row], median(rates[0][row]),
                    median(rates[1][row]));
        }
        for (int row = 1; row <= 2; row++) {
            System.out.printf(Locale.ROOT, "%-34s %14.2f %14.2f%n", "row " + (row + 1) + " / python (bar >= 2)",
                    median(rates[0][row]) / median(rates[0][0]), median(rates[1][row]) / median(rates[1][0]));
        }
        String[] what = {"Redis commands/item (a)", "Lua scripts/item", "redis-server CPU us/item"};
        for (int k = 0; k < what.length; k++) {
            for (int row = 0; row <= 2; row++) {
                System.out.printf(Locale.ROOT, "%-34s %14.2f %14.2f%n", what[k] + ", row " + (row + 1),
                        costs[0][row][k], costs[1][row][k]);
            }
        }
        System.out.println("(a) commands a script runs count too: each script is one round trip");
    }

    /** The server's commands, scripts and CPU time from its creation to {@link #end}, per item. */
    private static final class Cost {
        private final String uri;
        private final int items;
        private final long commands;
        private final long scripts;
        private final long cpu;

        Cost(String uri, int items) {
            this.uri = uri;
            this.items = items;
            this.commands = CommandCount.total(uri);
            this.scripts = CommandCount.scripts(uri);
            this.cpu = CommandCount.serverCpuMicros(uri);
        }

        void end(double[] into) {
            into[0] = (CommandCount.total(uri) - commands) / (double) items;
            into[1] = (CommandCount.scripts(uri) - scripts) / (double) items;
            into[2] = (CommandCount.serverCpuMicros(uri) - cpu) / (double) items;
        }
    }

    private static double python(String python, String uri, int items, int consumers) throws IOException,
            InterruptedException {
        String port = uri.substring(uri.lastIndexOf(':') + 1, uri.lastIndexOf('/'));
        Process p = new ProcessBuilder(python, "-c", PYTHON, port, Integer.toString(items),
                Integer.toString(consumers)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(LONG.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the redis-py loop failed: " + out);
        }
        return Double.parseDouble(out);
    }

    /**
     * One mp4j run; {@code costs} (null: none) gets the server's cost per item between the consumers' "ready" and
     * their "done" (their warm-up excluded).
     */
    private static double mp4j(QueueFactory f, String uri, int items, int consumers, int warmup, double[] costs)
            throws Exception {
        Queue<Object> q = f.queue();
        Queue<String> control = f.queue();
        List<JvmProcess> children = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            JvmProcess p = JvmProcess.builder(RedisSideBySide::consume)
                    .args(uri, q, control, items / consumers, warmup).build();
            p.start();
            children.add(p);
        }
        for (int i = 0; i < consumers; i++) {
            control.get(LONG); // "ready": attached, before the timer
        }
        Cost cost = costs == null ? null : new Cost(uri, items);
        long t0 = System.nanoTime();
        for (int i = 0; i < items; i++) {
            q.put(SmallRecord.of(i));
        }
        for (int i = 0; i < consumers; i++) {
            control.get(LONG); // "done"
        }
        double rate = items / ((System.nanoTime() - t0) / 1e9);
        if (cost != null) {
            cost.end(costs);
        }
        for (JvmProcess p : children) {
            p.join(LONG);
        }
        q.close();
        control.close();
        return rate;
    }

    /**
     * A consumer child: puts and gets args[4] items through a scratch Redis queue (JIT warm-up), says ready, gets
     * args[3] items from args[1], says done on args[2].
     */
    @SuppressWarnings("unchecked")
    static void consume(Object... args) throws Exception {
        try (RedisQueues redis = RedisQueues.builder((String) args[0]).handleTypePolicy(Payloads.policy()).build()) {
            Queue<Object> q = (Queue<Object>) args[1];
            Queue<String> control = (Queue<String>) args[2];
            int warmup = (Integer) args[4];
            if (warmup > 0) {
                Queue<Object> scratch = QueueFactory.builder().serializer("kryo").typePolicy(Payloads.policy())
                        .backend(redis).build().queue();
                for (int i = 0; i < warmup; i++) {
                    scratch.put(SmallRecord.of(i));
                    scratch.get();
                }
                scratch.close();
                redis.delete(RedisQueues.nameOf(scratch));
            }
            q.qsize(); // attaches before the timer
            control.put("ready");
            for (int i = 0; i < (Integer) args[3]; i++) {
                q.get();
            }
            control.put("done");
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
