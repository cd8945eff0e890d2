package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.Connection;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with the machine's own CPython interpreters (pyenv 3.11, 3.12, 3.13 and {@code python3}), which use
 * nothing but {@code multiprocessing.connection}: 3.11 speaks the legacy HMAC-MD5 handshake, 3.12+ the modern one.
 */
@Timeout(120)
class CPythonInteropTest {
    private static final byte[] KEY = "interop-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WRONG = "not-the-key".getBytes(StandardCharsets.UTF_8);
    private static final List<Interpreter> INTERPRETERS = Interpreter.find();

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        if (INTERPRETERS.isEmpty()) {
            return Stream.of(Arguments.of(null, "unix"));
        }
        return INTERPRETERS.stream().flatMap(py -> Stream.of(Arguments.of(py, "unix"), Arguments.of(py, "tcp")));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void javaClientExchangesBytesWithCPythonListener(Interpreter py, String transport) throws Exception {
        try (PyPeer peer = PyPeer.start(py, script(), "listen", pyAddress(transport), KEY)) {
            String[] ready = peer.expect("READY");
            assertThat(ready[2]).isEqualTo(py.expectedGeneration());
            try (Connection c = Client.connect(ready[1], KEY)) {
                byte[] big = new byte[3 * 1024 * 1024 + 7];
                for (int i = 0; i < big.length; i++) {
                    big[i] = (byte) (i % 251);
                }
                for (byte[] message : List.of(new byte[0], "hello from java".getBytes(), big)) {
                    c.sendBytes(message);
                    assertThat(c.recvBytes()).isEqualTo(reversed(message));
                }
            }
            peer.expect("DONE");
            assertThat(peer.exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void cpythonClientExchangesBytesWithJavaListener(Interpreter py, String transport) throws Exception {
        try (Listener listener = Listener.bind(javaAddress(transport), KEY);
             PyPeer peer = PyPeer.start(py, script(), "connect", listener.address(), KEY);
             Connection c = listener.accept()) {
            try {
                for (;;) {
                    c.sendBytes(reversed(c.recvBytes()));
                }
            } catch (EOFException expected) {
                // the Python client closed after its last message
            }
            peer.expect("OK");
            assertThat(peer.exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void wrongKeyAgainstCPythonListenerFailsOnBothSides(Interpreter py, String transport) throws Exception {
        try (PyPeer peer = PyPeer.start(py, script(), "listen", pyAddress(transport), KEY)) {
            String address = peer.expect("READY")[1];
            assertThatThrownBy(() -> Client.connect(address, WRONG))
                    .isExactlyInstanceOf(AuthenticationException.class).hasMessage("digest sent was rejected");
            assertThat(peer.expectLine("AUTHFAIL")).isEqualTo("AUTHFAIL digest received was wrong");
            assertThat(peer.exitCode()).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void cpythonClientWithWrongKeyIsRejectedAndTheListenerServesTheNextClient(Interpreter py, String transport) throws Exception {
        try (Listener listener = Listener.bind(javaAddress(transport), KEY);
             PyPeer peer = PyPeer.start(py, script(), "connect", listener.address(), WRONG)) {
            // The Java listener refuses the peer on its handshake thread; accept() waits on for an honest client.
            assertThat(peer.expectLine("AUTHFAIL")).isEqualTo("AUTHFAIL digest sent was rejected");
            assertThat(peer.exitCode()).isEqualTo(3);
            try (Connection honest = Client.connect(listener.address(), KEY); Connection served = listener.accept()) {
                honest.sendBytes(new byte[] {3});
                assertThat(served.recvBytes()).containsExactly(3);
            }
        }
    }

    private String pyAddress(String transport) {
        return transport.equals("unix") ? dir.resolve("py.sock").toString() : "127.0.0.1:0";
    }

    private String javaAddress(String transport) {
        return transport.equals("unix") ? dir.resolve("java.sock").toString() : "localhost:0";
    }

    private Path script() throws IOException {
        Path script = dir.resolve("cpython_peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = CPythonInteropTest.class.getResourceAsStream("cpython_peer.py")) {
                Files.copy(in, script);
            }
        }
        return script;
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /** A CPython executable and its major.minor version. */
    static final class Interpreter {
        final Path executable;
        final String version;

        Interpreter(Path executable, String version) {
            this.executable = executable;
            this.version = version;
        }

        /** 3.11 and older deliver and answer the legacy HMAC-MD5 challenge; 3.12+ the {digest}-prefixed one. */
        String expectedGeneration() {
            String[] parts = version.split("\\.");
            return Integer.parseInt(parts[1]) >= 12 ? "modern" : "legacy";
        }

        @Override
        public String toString() {
            return "CPython " + version;
        }

        static List<Interpreter> find() {
            List<Interpreter> found = new ArrayList<>();
            Path versions = pyenvRoot().resolve("versions");
            for (String minor : List.of("3.11", "3.12", "3.13")) {
                try (Stream<Path> dirs = Files.isDirectory(versions) ? Files.list(versions) : Stream.empty()) {
                    dirs.filter(d -> d.getFileName().toString().startsWith(minor + "."))
                            .map(d -> d.resolve("bin/python3")).filter(Files::isExecutable).sorted()
                            .reduce((a, b) -> b)
                            .ifPresent(exe -> found.add(new Interpreter(exe, minor)));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list " + versions, e);
                }
            }
            if (found.isEmpty()) {
                String version = run(List.of("python3", "-c",
                        "import sys; print('%d.%d' % sys.version_info[:2])"));
                if (version != null && version.startsWith("3.")) {
                    found.add(new Interpreter(Path.of("python3"), version));
                }
            }
            return found;
        }

        private static Path pyenvRoot() {
            String root = run(List.of("pyenv", "root"));
            if (root == null) {
                root = System.getenv("PYENV_ROOT");
            }
            return Path.of(root != null ? root : System.getProperty("user.home") + "/.pyenv");
        }

        private static String run(List<String> command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** A running {@code cpython_peer.py} whose output lines the test reads. */
    static final class PyPeer implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final List<String> seen = new ArrayList<>();

        private PyPeer(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static PyPeer start(Interpreter py, Path script, String mode, String address, byte[] key)
                throws IOException {
            Assumptions.assumeTrue(py != null, "no CPython found: looked for 3.11/3.12/3.13 under `pyenv root`"
                    + "/versions and for python3 on the PATH");
            return new PyPeer(new ProcessBuilder(py.executable.toString(), script.toString(), mode, address,
                    HexFormat.of().formatHex(key)).redirectErrorStream(true).start());
        }

        /** Reads lines until one starts with {@code prefix}; returns it split on spaces. */
        String[] expect(String prefix) throws IOException {
            return expectLine(prefix).split(" ");
        }

        String expectLine(String prefix) throws IOException {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("python peer ended without printing " + prefix + "; its output:\n"
                    + seen.stream().collect(Collectors.joining("\n")));
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python peer exits").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
