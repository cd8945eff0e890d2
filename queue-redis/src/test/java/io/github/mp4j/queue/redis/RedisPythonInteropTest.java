package io.github.mp4j.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.Queue;
import io.github.mp4j.queue.QueueFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A CPython program with redis-py gets the items Java put and puts items Java gets, on the same Redis queue, with
 * the JSON serializer and the key layout of the README. Skipped only where there is no python3 at all; a python3
 * without the {@code redis} module fails the test saying how to install it.
 */
@Timeout(120)
class RedisPythonInteropTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final String PYTHON = String.join("\n",
            "import json, sys, redis",
            "r = redis.Redis(host='127.0.0.1', port=int(sys.argv[1]))",
            "items = 'mp4j:{%s}:items' % sys.argv[2]",
            "for _ in range(2):",
            "    d = json.loads(r.lpop(items))",
            "    print(d['@mp4j'], d['type'], json.dumps(d['value'], sort_keys=True))",
            "r.rpush(items, json.dumps({'@mp4j': 1, 'type': 'java.lang.String', 'value': 'from python'}))",
            "r.rpush(items, json.dumps({'@mp4j': 1, 'type': 'java.util.HashMap',",
            "                           'value': {'@class': 'java.util.HashMap', 'n': 7, 's': 'x'}}))",
            "");

    @Test
    void pythonGetsWhatJavaPutAndJavaGetsWhatPythonPut() throws Exception {
        Path python = pythonWithRedis();
        try (RedisQueues redis = RedisQueues.connect(REDIS.uri())) {
            QueueFactory json = QueueFactory.builder().serializer("json").backend(redis).build();
            Queue<Object> q = redis.queue(json, "interop", 0);
            q.put("hello from java");
            q.put(new HashMap<>(Map.of("k", 1)));

            List<String> lines = run(python, PYTHON, Integer.toString(REDIS.port()), "interop");

            assertThat(lines).containsExactly(
                    "1 java.lang.String \"hello from java\"",
                    "1 java.util.HashMap {\"@class\": \"java.util.HashMap\", \"k\": 1}");
            assertThat(q.qsize()).isEqualTo(2);
            assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("from python");
            assertThat(q.get(Duration.ofSeconds(30))).isEqualTo(Map.of("n", 7, "s", "x"));
            assertThat(q.qsize()).isZero();
        }
    }

    private static List<String> run(Path python, String script, String... args) throws IOException,
            InterruptedException {
        Path stderr = Files.createTempFile("mp4j-python", ".err");
        try {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", script));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python exited").isTrue();
            assertThat(p.exitValue()).as("python exit code; stderr: %s", Files.readString(stderr)).isZero();
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** The first python3 (on PATH, then /usr/bin) that imports redis; skips if there is no python3 at all. */
    private static Path pythonWithRedis() throws IOException, InterruptedException {
        Set<Path> candidates = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, "python3");
                if (Files.isExecutable(p)) {
                    candidates.add(p);
                }
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            candidates.add(Path.of("/usr/bin/python3"));
        }
        assumeTrue(!candidates.isEmpty(), "no python3 on PATH or in /usr/bin: the redis-py interop test needs CPython");
        for (Path p : candidates) {
            Process check = new ProcessBuilder(p.toString(), "-c", "import redis").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            if (check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0) {
                return p;
            }
        }
        throw new AssertionError("python3 found (" + candidates + ") but none imports the redis module: install it"
                + " with 'apt-get install python3-redis' or 'pip install redis' (.ci/run does this)");
    }
}
