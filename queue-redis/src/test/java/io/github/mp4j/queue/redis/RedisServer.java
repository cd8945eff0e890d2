package io.github.mp4j.queue.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian's package) for tests: on a free loopback port with a temporary directory,
 * started before the test class and stopped after it. It can be killed ({@code kill -9}) and started again on the
 * same port and directory. Register with {@code @RegisterExtension static final RedisServer REDIS = new
 * RedisServer();} (or {@code RedisServer.withAof()} for {@code appendonly yes, appendfsync always}).
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    private final boolean aof;
    private final List<String> extraArgs;
    private Path dir;
    private int port;
    private Process process;

    public RedisServer() {
        this(false, List.of());
    }

    private RedisServer(boolean aof, List<String> extraArgs) {
        this.aof = aof;
        this.extraArgs = extraArgs;
    }

    /** A server that writes every change to its append-only file before answering ({@code appendfsync always}). */
    public static RedisServer withAof() {
        return new RedisServer(true, List.of());
    }

    /** A server that requires this password of the default user ({@code requirepass}). */
    public static RedisServer withPassword(String password) {
        return new RedisServer(false, List.of("--requirepass", password));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** {@code redis://127.0.0.1:PORT/0}. */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Starts the server (again, on the same port and directory, after {@link #kill()}); no-op if running. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (dir == null) {
            dir = Files.createTempDirectory("mp4j-redis-");
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
        }
        List<String> cmd = new ArrayList<>(List.of(executable(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        if (aof) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile()).start();
        awaitPing();
    }

    /** Kills the server with SIGKILL and waits for it to end. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Stops the server and deletes its directory. */
    public synchronized void stop() throws IOException, InterruptedException {
        kill();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String executable() {
        for (String d : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(d, "redis-server"))) {
                return Path.of(d, "redis-server").toString();
            }
        }
        throw new IllegalStateException("redis-server is not installed (apt-get install redis-server); "
                + "the queue-redis tests need a real Redis server");
    }

    /** Polls PING until the server answers PONG; fails after 30 s naming the log. */
    private void awaitPing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("redis.out")) + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(1000);
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = new byte[16];
                int n = s.getInputStream().read(reply);
                String answer = n > 0 ? new String(reply, 0, n, StandardCharsets.US_ASCII) : "";
                if (answer.startsWith("+PONG") || answer.startsWith("-NOAUTH")) { // up (NOAUTH: password set)
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20); // polling the server's start-up, bounded by the deadline
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 30 s");
    }
}
