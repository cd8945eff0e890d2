package io.github.mp4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.AuthenticationException;
import io.github.mp4j.Connection;
import io.github.mp4j.ConnectionClosedException;
import io.github.mp4j.pipe.internal.SocketFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ListenerTest {
    private static final byte[] KEY = "secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void doubleBindOfUnixPathFailsNamingTheAddress() throws Exception {
        String address = dir.resolve("twice.sock").toString();
        try (Listener first = Listener.bind(address, (byte[]) null)) {
            assertThatThrownBy(() -> Listener.bind(address, (byte[]) null))
                    .isExactlyInstanceOf(BindException.class)
                    .hasMessageStartingWith("cannot bind " + address + ": ")
                    .hasMessageEndingWith(" (remove the stale socket file if no process listens there)");
            assertThat(Files.exists(Path.of(address))).as("first listener's file kept").isTrue();
        }
    }

    @Test
    void doubleBindOfTcpPortFailsNamingTheAddress() throws Exception {
        try (Listener first = Listener.bind("localhost:0", KEY)) {
            String address = first.address();
            assertThatThrownBy(() -> Listener.bind(address, KEY)).isExactlyInstanceOf(BindException.class)
                    .hasMessageStartingWith("cannot bind " + address + ": ");
        }
    }

    @Test
    void tcpListenerReportsRealPortOnLoopback() throws Exception {
        try (Listener listener = Listener.bind("localhost:0", KEY)) {
            assertThat(listener.address()).startsWith("127.0.0.1:").doesNotEndWith(":0");
        }
    }

    @Test
    void tcpRequiresAnAuthkey() {
        assertThatThrownBy(() -> Listener.bind("localhost:0", (byte[]) null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("a TCP listener requires an authkey (address 'localhost:0'); set"
                        + " ConnectionOptions.builder().authkey(...)");
        assertThatThrownBy(() -> Client.connect("localhost:1", new byte[0]))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a TCP connection requires an authkey (address 'localhost:1')");
    }

    @Test
    void malformedAddressIsRejected() {
        assertThatThrownBy(() -> Listener.bind("localhost:http", KEY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("address 'localhost:http' has no numeric port after the last ':'");
        assertThatThrownBy(() -> Listener.bind("", KEY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("address is empty: give a Unix socket path or host:port");
        assertThatThrownBy(() -> Listener.bind("localhost:99999", KEY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("port out of range 0..65535 in address 'localhost:99999'");
    }

    @Test
    void unixSocketFileIsOwnerOnlyAndRemovedOnClose() throws Exception {
        Path file = dir.resolve("perm.sock");
        Listener listener = Listener.bind(file.toString(), (byte[]) null);
        assertThat(listener.address()).isEqualTo(file.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        listener.close();
        listener.close();
        assertThat(listener.isClosed()).isTrue();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void privateSocketDirectoryIsOwnerOnly() throws Exception {
        Path privateDir = ConnectionOptions.defaults().socketDirectory();
        assertThat(privateDir).isEqualTo(SocketFiles.privateDirectory());
        assertThat(privateDir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateDir))).isEqualTo("rwx------");
    }

    @Test
    void wrongKeyFailsTheClientWithCPythonWordingAndAcceptWaitsForAnHonestPeer() throws Exception {
        try (Listener listener = Listener.bind("localhost:0", KEY)) {
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            assertThatThrownBy(() -> Client.connect(listener.address(), "wrong".getBytes()))
                    .isExactlyInstanceOf(AuthenticationException.class).hasMessage("digest sent was rejected");
            assertThat(listener.isClosed()).as("listener survives a failed handshake").isFalse();
            try (Connection client = Client.connect(listener.address(), KEY); Connection server = accepted.get()) {
                client.sendBytes("ok".getBytes());
                assertThat(server.recvBytes()).isEqualTo("ok".getBytes());
            }
        }
    }

    @Test
    void unixListenerWithAuthkeyAuthenticates() throws Exception {
        String address = dir.resolve("auth.sock").toString();
        try (Listener listener = Listener.bind(address, KEY)) {
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            try (Connection client = Client.connect(address, KEY); Connection server = accepted.get()) {
                server.send("hi");
                assertThat(client.recv()).isEqualTo("hi");
            }
        }
    }

    @Test
    void handshakeThatNeverFinishesIsClosedAfterTheTimeoutWhileAcceptWaitsForAnHonestPeer() throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().authkey(KEY)
                .handshakeTimeout(Duration.ofMillis(300)).build();
        try (Listener listener = Listener.bind(options, "localhost:0")) {
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            try (SocketChannel silent = SocketChannel.open(parse(listener.address()))) {
                skipFrame(silent);
                assertThat(silent.read(ByteBuffer.allocate(1))).as("silent peer closed at the deadline").isEqualTo(-1);
            }
            assertThat(accepted.future.isDone()).as("a failed handshake does not end accept()").isFalse();
            try (Connection client = Client.connect(listener.address(), KEY); Connection server = accepted.get()) {
                server.send("hi");
                assertThat(client.recv()).isEqualTo("hi");
            }
        }
    }

    @Test
    void oversizedHandshakeFrameClosesThatPeerOnly() throws Exception {
        try (Listener listener = Listener.bind("localhost:0", KEY)) {
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            try (SocketChannel raw = SocketChannel.open(parse(listener.address()))) {
                skipFrame(raw);
                ByteBuffer big = ByteBuffer.allocate(4 + 257).putInt(257).position(4 + 257).flip();
                while (big.hasRemaining()) {
                    raw.write(big);
                }
                assertThat(raw.read(ByteBuffer.allocate(1))).as("oversized peer closed").isEqualTo(-1);
            }
            try (Connection client = Client.connect(listener.address(), KEY); Connection server = accepted.get()) {
                client.sendBytes(new byte[] {7});
                assertThat(server.recvBytes()).containsExactly(7);
            }
        }
    }

    @Test
    void bindWithALiteralNullAuthkeyMeansNoAuthkeyAsInCPython() throws Exception {
        String address = dir.resolve("null-key.sock").toString();
        try (Listener listener = Listener.bind(address, null)) {
            assertThat(listener.options().hasAuthkey()).isFalse();
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            try (Connection client = Client.connect(address, (byte[]) null); Connection server = accepted.get()) {
                client.sendBytes(new byte[] {1, 2});
                assertThat(server.recvBytes()).containsExactly(1, 2);
            }
        }
    }

    @Test
    void bareSocketNameIsAUnixSocketRelativeToTheCurrentDirectoryAsInCPython() throws Exception {
        String name = "mp4j-relname-" + ProcessHandle.current().pid() + ".sock";
        Path file = Path.of(name).toAbsolutePath();
        try (Listener listener = Listener.bind(name, null)) {
            assertThat(listener.address()).isEqualTo(name);
            assertThat(Files.exists(file)).as("socket file in the current directory").isTrue();
            TestThreads.Started<Connection> accepted = TestThreads.start("accept", listener::accept);
            try (Connection client = Client.connect(name, (byte[]) null); Connection server = accepted.get()) {
                server.send("relative");
                assertThat(client.recv()).isEqualTo("relative");
            }
        } finally {
            assertThat(Files.exists(file)).as("removed on close").isFalse();
        }
    }

    @Test
    void acceptIsInterruptibleAndListenerStaysOpen() throws Exception {
        try (Listener listener = Listener.bind(dir.resolve("intr.sock").toString(), (byte[]) null)) {
            TestThreads.Started<Boolean> acceptor = TestThreads.start("accept", () -> {
                try {
                    listener.accept();
                    return false;
                } catch (InterruptedIOException e) {
                    return Thread.currentThread().isInterrupted();
                }
            });
            awaitWaiting(acceptor.thread);
            acceptor.thread.interrupt();
            assertThat(acceptor.get()).isTrue();
            assertThat(listener.isClosed()).isFalse();
            try (Connection c = Client.connect(listener.address(), (byte[]) null);
                 Connection s = listener.accept()) {
                c.sendBytes(new byte[] {5});
                assertThat(s.recvBytes()).containsExactly(5);
            }
        }
    }

    @Test
    void closeWakesBlockedAccept() throws Exception {
        Listener listener = Listener.bind(dir.resolve("wake.sock").toString(), (byte[]) null);
        TestThreads.Started<Connection> acceptor = TestThreads.start("accept", listener::accept);
        awaitWaiting(acceptor.thread);
        listener.close();
        assertThatThrownBy(acceptor::get).cause().isExactlyInstanceOf(ConnectionClosedException.class)
                .hasMessage("listener " + listener.address() + " is closed");
    }

    @Test
    void connectToMissingUnixSocketFails() {
        String address = dir.resolve("absent.sock").toString();
        assertThatThrownBy(() -> Client.connect(address, (byte[]) null))
                .isExactlyInstanceOf(ConnectException.class)
                .hasMessage("cannot connect to " + address + ": No such file or directory");
    }

    @Test
    void tcpBindsLoopbackUnlessTold() throws Exception {
        try (Listener listener = Listener.bind(":0", KEY)) {
            assertThat(listener.address()).startsWith("127.0.0.1:");
        }
    }

    /** Reads and drops one frame (the listener's challenge). */
    private static void skipFrame(SocketChannel raw) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        while (header.hasRemaining()) {
            raw.read(header);
        }
        ByteBuffer skip = ByteBuffer.allocate(header.flip().getInt());
        while (skip.hasRemaining()) {
            raw.read(skip);
        }
    }

    /** Returns once {@code t} waits (parked in accept), failing after 30 s or if the thread ends. */
    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (t.getState() != Thread.State.WAITING) {
            if (!t.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("thread " + t.getName() + " did not start waiting: " + t.getState());
            }
            Thread.sleep(2);
        }
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
