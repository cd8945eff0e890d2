package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.outside.Outsider;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import io.github.mp4j.queue.OnWorkerDeath;
import io.github.mp4j.queue.QueueFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Redis queues shared by separate JVMs: producers and consumers in child processes, {@code kill -9} of consumers
 * holding items, {@code maxsize} under contention, handles decoded with the receiver's rules.
 */
@Timeout(180)
class RedisAcrossProcessesTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path logs;
    private final List<JvmProcess> children = new ArrayList<>();
    private RedisQueues redis;

    @BeforeEach
    void connect() {
        redis = RedisChildren.connect(REDIS.uri());
    }

    @AfterEach
    void cleanUp() {
        children.forEach(JvmProcess::close);
        redis.close();
    }

    private QueueFactory factory(String serializer, TypePolicy policy, OnWorkerDeath onWorkerDeath) {
        return QueueFactory.builder().serializer(serializer).typePolicy(policy).onWorkerDeath(onWorkerDeath)
                .backend(redis).build();
    }

    private QueueFactory kryo() {
        return factory("kryo", TypePolicy.defaults(), OnWorkerDeath.REQUEUE);
    }

    private JvmProcess start(ProcessTarget target, Object... args) {
        JvmProcess p = JvmProcess.builder(target).args(args).redirectError(ProcessBuilder.Redirect.to(
                logs.resolve("child" + children.size() + ".err").toFile())).build();
        children.add(p);
        p.start();
        return p;
    }

    private static void exitsCleanly(JvmProcess p) throws InterruptedException {
        assertThat(p.join(LONG)).isTrue();
        assertThat(p.exitCode()).hasValue(0);
    }

    private static void killNine(JvmProcess p) throws InterruptedException {
        p.kill();
        assertThat(p.join(LONG)).isTrue();
        assertThat(p.exitCode()).hasValue(137);
    }

    /** The length of a queue's waiting-items list, read from Redis directly. */
    private static long waiting(SimpleQueue<?> q) {
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            return j.llen("mp4j:{" + RedisQueues.nameOf(q) + "}:items");
        }
    }

    /** Every key of queue {@code q} in Redis with its value, for a failure message. */
    private static String dump(SimpleQueue<?> q) {
        StringBuilder out = new StringBuilder();
        try (Jedis j = new Jedis("127.0.0.1", REDIS.port())) {
            for (String key : new java.util.TreeSet<>(j.keys("mp4j:{" + RedisQueues.nameOf(q) + "}:*"))) {
                String type = j.type(key);
                Object value = switch (type) {
                    case "list" -> j.lrange(key.getBytes(StandardCharsets.UTF_8), 0, -1).stream()
                            .map(java.util.HexFormat.of()::formatHex).collect(Collectors.toList());
                    case "string" -> j.get(key);
                    case "zset" -> j.zrangeWithScores(key, 0, -1);
                    case "hash" -> j.hgetAll(key);
                    default -> type;
                };
                out.append('\n').append(key).append(" = ").append(value);
            }
        }
        return out.toString();
    }

    /** Polls a value kept in Redis until it is {@code expected} (10 ms steps, up to 60 s). */
    private static void awaitValue(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (value.getAsLong() != expected) {
            assertThat(System.nanoTime()).as("waiting for value %d, have %d", expected, value.getAsLong())
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void producersAndConsumersInFourProcessesDeliverEveryItemOnce() throws Exception {
        Queue<Integer> q = kryo().queue(20);
        SimpleQueue<Integer> results = kryo().simpleQueue();
        JvmProcess c1 = start(RedisChildren::consume, REDIS.uri(), q, results);
        JvmProcess c2 = start(RedisChildren::consume, REDIS.uri(), q, results);
        JvmProcess p1 = start(RedisChildren::produce, REDIS.uri(), q, 0, 500);
        JvmProcess p2 = start(RedisChildren::produce, REDIS.uri(), q, 500, 1000);
        exitsCleanly(p1);
        exitsCleanly(p2);
        q.put(-1);
        q.put(-1);
        exitsCleanly(c1);
        exitsCleanly(c2);

        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            got.add(results.get());
        }
        assertThat(got).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 1000).boxed().collect(Collectors.toList()));
        assertThat(results.empty()).isTrue();
        assertThat(q.qsize()).isZero();
    }

    @Test
    void joinReturnsWhenWorkersInOtherProcessesFinishEveryTask() throws Exception {
        JoinableQueue<Integer> tasks = kryo().joinableQueue();
        Queue<Integer> results = kryo().queue();
        JvmProcess w1 = start(RedisChildren::squareWorker, REDIS.uri(), tasks, results);
        JvmProcess w2 = start(RedisChildren::squareWorker, REDIS.uri(), tasks, results);
        for (int i = 0; i < 100; i++) {
            tasks.put(i);
        }
        tasks.put(-1);
        tasks.put(-1);
        assertThat(tasks.join(LONG)).as(() -> "join timed out; the queue in Redis: " + dump(tasks)).isTrue();
        exitsCleanly(w1);
        exitsCleanly(w2);
        int sum = 0;
        for (int i = 0; i < 100; i++) {
            sum += results.get(LONG);
        }
        assertThat(sum).isEqualTo(IntStream.range(0, 100).map(i -> i * i).sum());
        assertThat(results.qsize()).isZero();
        assertThat(tasks.qsize()).isZero();
        assertThat(redis.tasksRequeued(RedisQueues.nameOf(tasks))).isZero();
    }

    @Test
    void consumerKilledInsideGetHasItsItemPutBackAtTheHead() throws Exception {
        QueueFactory jdk = factory("jdk", TypePolicy.defaults().allowPackages("io.github.mp4j.queue.redis"),
                OnWorkerDeath.REQUEUE);
        Queue<Object> q = jdk.queue();
        Queue<String> reports = kryo().queue();
        q.put(new SlowToDecode("a"));
        q.put(new SlowToDecode("b"));
        JvmProcess victim = start(RedisChildren::hangInDecode, REDIS.uri(), q, reports);
        assertThat(reports.get(LONG)).isEqualTo("getting");
        awaitValue(() -> waiting(q), 1); // the victim moved "a" into its in-flight list and is decoding it
        assertThat(q.qsize()).isEqualTo(2);

        killNine(victim);
        awaitValue(() -> waiting(q), 2); // its lease expired: "a" went back to the head

        assertThat(q.get(LONG)).isEqualTo(new SlowToDecode("a"));
        assertThat(q.get(LONG)).isEqualTo(new SlowToDecode("b"));
        assertThat(q.qsize()).isZero();
    }

    @Test
    void workerKilledHoldingTasksHasThemRequeuedAndJoinReturns() throws Exception {
        JoinableQueue<String> tasks = kryo().joinableQueue();
        Queue<String> reports = kryo().queue();
        JvmProcess worker = start(RedisChildren::takeTasksThenHang, REDIS.uri(), tasks, reports, 2);
        tasks.put("t1");
        tasks.put("t2");
        assertThat(reports.get(LONG)).isEqualTo("took t1");
        assertThat(reports.get(LONG)).isEqualTo("took t2");
        tasks.put("t3");
        assertThat(tasks.join(Duration.ZERO)).isFalse();

        killNine(worker);
        String name = RedisQueues.nameOf(tasks);
        awaitValue(() -> redis.tasksRequeued(name), 2);

        for (String t : List.of("t1", "t2", "t3")) {
            assertThat(tasks.get(LONG)).isEqualTo(t);
            tasks.taskDone();
        }
        assertThat(tasks.join(LONG)).isTrue();
        assertThat(redis.tasksRequeued(name)).isEqualTo(2);
        assertThat(redis.tasksCountedAsDone(name)).isZero();
    }

    @Test
    void workerKilledHoldingATaskCountsItAsDoneWhenConfigured() throws Exception {
        JoinableQueue<String> tasks = factory("kryo", TypePolicy.defaults(), OnWorkerDeath.COUNT_AS_DONE)
                .joinableQueue();
        Queue<String> reports = kryo().queue();
        JvmProcess worker = start(RedisChildren::takeTasksThenHang, REDIS.uri(), tasks, reports, 1);
        tasks.put("t1");
        assertThat(reports.get(LONG)).isEqualTo("took t1");
        assertThat(tasks.join(Duration.ZERO)).isFalse();

        killNine(worker);

        assertThat(tasks.join(LONG)).isTrue();
        assertThat(redis.tasksCountedAsDone(RedisQueues.nameOf(tasks))).isEqualTo(1);
        assertThat(redis.tasksRequeued(RedisQueues.nameOf(tasks))).isZero();
        assertThat(tasks.qsize()).isZero();
    }

    @Test
    void maxsizeHoldsUnderContentionFromFourProcesses() throws Exception {
        Queue<String> q = kryo().queue(50);
        Queue<Integer> admitted = kryo().queue();
        List<JvmProcess> putters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            putters.add(start(RedisChildren::putNowaitUntilFull, REDIS.uri(), q, admitted, 40));
        }
        for (JvmProcess p : putters) {
            exitsCleanly(p);
        }
        int total = 0;
        for (int i = 0; i < 4; i++) {
            total += admitted.get(LONG);
        }
        assertThat(total).isEqualTo(50);
        assertThat(q.qsize()).isEqualTo(50);
        assertThat(waiting(q)).isEqualTo(50);
        assertThat(q.full()).isTrue();
        Set<String> items = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            items.add(q.getNowait());
        }
        assertThat(items).hasSize(50);
    }

    @Test
    void queueHandedToAChildDecodesWithTheChildsTypePolicyNotTheSenders() throws Exception {
        Queue<Object> q = factory("kryo", TypePolicy.allowAll(), OnWorkerDeath.REQUEUE).queue();
        Queue<String> reports = kryo().queue();
        q.put(new Outsider("refused"));
        JvmProcess child = start(RedisChildren::getAndReport, REDIS.uri(), q, reports);
        exitsCleanly(child);
        assertThat(reports.get(LONG)).startsWith("io.github.mp4j.TypeNotAllowedException: ")
                .contains(Outsider.class.getName());
        assertThat(q.qsize()).isZero();
    }

    @Test
    void queueHandedToAProcessWithoutRedisQueuesAttachesNowhere() throws Exception {
        Queue<Object> q = kryo().queue();
        JvmProcess child = JvmProcess.builder(RedisChildren::useWithoutConnecting).args(REDIS.uri(), q)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).build();
        children.add(child);
        child.start();
        String line = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8)).readLine();
        exitsCleanly(child);
        String server = "redis://127.0.0.1:" + REDIS.port() + "/0";
        assertThat(line).isEqualTo("io.github.mp4j.QueueBrokenException: redis queue '" + RedisQueues.nameOf(q)
                + "' at " + server + " was handed to this process, which has no open RedisQueues for " + server
                + " accepting handles; connect one (RedisQueues.connect(uri)) before using queues received from"
                + " other processes");
    }
}
