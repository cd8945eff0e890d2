package io.github.mp4j.examples;

import static io.github.mp4j.examples.Log.log;
import static io.github.mp4j.examples.Log.seg;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A CPython process talks to this JVM: our {@link Listener} on a Unix socket in a private temporary directory, with
 * an authkey; the script {@code interop_client.py} (shipped beside this class, in {@code src/main/python}) connects
 * with {@code multiprocessing.connection.Client}. They exchange raw bytes with {@code send_bytes}/{@code recv_bytes}
 * both ways, then dicts with Python's own {@code send}/{@code recv} (pickle): Java sends a {@code Map} that arrives as
 * a {@code dict}, Python answers with a {@code dict} that arrives as a {@code Map}. The dict exchange needs the pickle
 * serializer ({@code mp4j-serializer-pickle}), which the {@code -Ddemo=PythonInteropDemo} profile of this module puts
 * on the class path; without it the demo says so and exchanges bytes only. (It is not a plain dependency: as the only
 * serializer besides {@code jdk} it would become {@code QueueFactory.defaults()}'s choice for the other demos.)
 * Prints a skip message and returns when {@code python3} is not on the {@code PATH}.
 *
 * <p>Run with {@code mvn -B -q -pl examples exec:exec -Ddemo=PythonInteropDemo}.
 */
public final class PythonInteropDemo {
    private static final String SCRIPT = "interop_client.py";
    private static final long PYTHON_TIMEOUT_SECONDS = 60;

    private PythonInteropDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws Exception if the Python client fails or the exchange goes wrong
     */
    public static void main(String[] args) throws Exception {
        seg("python interop start");
        String python = pythonVersion();
        if (python == null) {
            log("skipped: python3 is not on the PATH");
            seg("python interop end");
            return;
        }
        log("using " + python);
        Path dir = Files.createTempDirectory("mp4j-python-");
        Path script = dir.resolve(SCRIPT);
        byte[] authkey = new byte[32];
        new SecureRandom().nextBytes(authkey);
        try (InputStream in = PythonInteropDemo.class.getResourceAsStream("/" + SCRIPT);
             Listener listener = Listener.bind(dir.resolve("demo.sock").toString(), options(authkey))) {
            Files.write(script, in.readAllBytes());
            Process client = new ProcessBuilder("python3", script.toString(), listener.address(),
                    HexFormat.of().formatHex(authkey)).inheritIO().start();
            try (Connection conn = listener.accept()) {
                log("accepted a CPython client on " + listener.address() + " (authkey checked)");
                exchange(conn);
            }
            if (!client.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("python3 did not exit within " + PYTHON_TIMEOUT_SECONDS + " s");
            }
            log("python3 exitCode=" + client.exitValue());
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(dir);
        }
        seg("python interop end");
    }

    private static void exchange(Connection conn) throws Exception {
        conn.sendBytes(("hello from Java " + Runtime.version().feature()).getBytes(StandardCharsets.UTF_8));
        log("recv_bytes: " + new String(conn.recvBytes(), StandardCharsets.UTF_8));
        byte[] blob = new byte[100_000];
        new SecureRandom().nextBytes(blob);
        conn.sendBytes(blob);
        String theirs = new String(conn.recvBytes(), StandardCharsets.UTF_8);
        String ours = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        log("sha256 of " + blob.length + " random bytes: python " + (theirs.equals(ours) ? "agrees" : "DIFFERS: "
                + theirs + " != " + ours));
        if (!theirs.equals(ours)) {
            throw new IllegalStateException("python3 computed sha256 " + theirs + ", Java " + ours);
        }
        Optional<Serializer> pickle = pickle();
        if (pickle.isEmpty()) {
            log("dict exchange skipped: mp4j-serializer-pickle is not on the class path (run with"
                    + " -Ddemo=PythonInteropDemo)");
        } else {
            conn.sendBytes("dicts".getBytes(StandardCharsets.UTF_8));
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("id", 7);
            order.put("items", List.of(item("tea", 3.5, 2), item("cake", 4.25, 1)));
            conn.send(order);
            log("send: " + order);
            Map<?, ?> receipt = (Map<?, ?>) conn.recv();
            log("recv: a " + receipt.getClass().getSimpleName() + " order=" + receipt.get("order") + " total="
                    + receipt.get("total") + " paid=" + receipt.get("paid") + " by="
                    + Arrays.toString((Object[]) receipt.get("by")) + " (a tuple arrives as Object[])");
        }
        conn.sendBytes("bye".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> item(String name, double price, int qty) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("price", price);
        item.put("qty", qty);
        return item;
    }

    /** The pickle serializer when it is installed: Python's {@code send}/{@code recv} then work both ways. */
    private static Optional<Serializer> pickle() {
        return Serializers.installed().stream().filter(s -> s.name().equals("pickle")).findFirst();
    }

    private static ConnectionOptions options(byte[] authkey) {
        ConnectionOptions.Builder options = ConnectionOptions.builder().authkey(authkey);
        pickle().ifPresent(options::serializer);
        return options.build();
    }

    /** {@code "Python 3.x.y"}, or null when {@code python3} cannot be run. */
    private static String pythonVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
