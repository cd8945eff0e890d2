package io.github.mp4j.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} (Debian's package) started for a demo on a free loopback port, with a temporary
 * directory and no persistence; {@link #close()} stops it. Null from {@link #start()} when none is installed.
 */
final class LocalRedis implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private LocalRedis(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server and waits until it answers PING; null if {@code redis-server} is not installed. */
    static LocalRedis start() throws IOException, InterruptedException {
        Path exe = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(exe)) {
            return null;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("mp4j-demo-redis-");
        Process p = new ProcessBuilder(exe.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no")
                .redirectOutput(dir.resolve("redis.log").toFile()).redirectErrorStream(true).start();
        LocalRedis redis = new LocalRedis(p, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.ping();
                return redis;
            } catch (RuntimeException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    redis.close();
                    throw new IllegalStateException("redis-server did not start on port " + port + ": "
                            + Files.readString(dir.resolve("redis.log")), notYet);
                }
                Thread.sleep(20); // waiting for the server to listen, bounded by the deadline
            }
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
