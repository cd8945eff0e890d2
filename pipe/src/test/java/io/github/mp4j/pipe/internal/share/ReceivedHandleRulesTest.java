package io.github.mp4j.pipe.internal.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.HandleRefusedException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.example.mp4j.geometry.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipe end received inside a message follows the receiving connection's rules, whatever its handle says: the
 * sender's wider policy, a serializer the connection does not use, a TCP address, or a socket outside an mp4j
 * private directory of this user are refused with {@link HandleRefusedException} before anything connects, and the
 * receiving connection stays usable. (The same attacks between real processes, for pipes and queues and with kryo:
 * the queue module's {@code ReceivedHandleAttackTest}.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReceivedHandleRulesTest {
    private static final byte[] KEY = {1, 2, 3};

    @TempDir
    Path dir;

    /** A handle as a peer could forge it, naming {@code address}. */
    private static PipeEndHandle forged(String address, String serializer, TypePolicy policy) {
        return new PipeEndHandle(address, KEY, "00", "1@evil", true, true, serializer, policy, 1024);
    }

    /** Sends {@code value} encoded by the jdk serializer as raw bytes, as a peer with its own code could. */
    private static void sendRaw(Connection to, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializers.byName("jdk").encode(value, out);
        to.sendBytes(out.toByteArray());
    }

    private static String refusal(String address, String problem) {
        return "refused the pipe end handed over by process 1@evil: " + problem + "; nothing was connected";
    }

    private static void assertStillUsable(Pipe carrier) throws IOException {
        carrier.first().send("after the refusal");
        assertThat(carrier.second().recv()).isEqualTo("after the refusal");
    }

    @Test
    void endOfAnAllowAllPipeDecodesWithTheReceivingConnectionsPolicy() throws Exception {
        try (Pipe data = Pipe.open(true, ConnectionOptions.builder().typePolicy(TypePolicy.allowAll()).build());
             Pipe carrier = Pipe.open(true)) {
            carrier.first().send(data.second());
            try (Connection there = carrier.second().recv(Connection.class)) {
                data.first().send(new Point(1, 2));
                assertThatThrownBy(there::recv).isExactlyInstanceOf(TypeNotAllowedException.class)
                        .hasMessage("type " + Point.class.getName() + " is not allowed by the TypePolicy (serializer"
                                + " jdk); allow it with TypePolicy.defaults().allowPackages(...) or"
                                + " allowClasses(...)");
                data.first().send("still usable");
                assertThat(there.recv()).isEqualTo("still usable");
            }
        }
    }

    @Test
    void endNestedInACollectionOrMapIsNarrowedToo() throws Exception {
        try (Pipe data = Pipe.open(true, ConnectionOptions.builder().typePolicy(TypePolicy.allowAll()).build());
             Pipe carrier = Pipe.open(true)) {
            carrier.first().send(List.of(Map.of("end", data.second())));
            @SuppressWarnings("unchecked")
            List<Map<String, Connection>> got = (List<Map<String, Connection>>) carrier.second().recv();
            try (Connection there = got.get(0).get("end")) {
                data.first().send(new Point(3, 4));
                assertThatThrownBy(there::recv).isExactlyInstanceOf(TypeNotAllowedException.class);
            }
        }
    }

    @Test
    void receivedEndPassedOnAgainCarriesTheNarrowedPolicyNotTheOriginal() throws Exception {
        ConnectionOptions all = ConnectionOptions.builder().typePolicy(TypePolicy.allowAll()).build();
        try (Pipe data = Pipe.open(true, all); Pipe strict = Pipe.open(true); Pipe lax = Pipe.open(true, all)) {
            strict.first().send(data.second());
            Connection unattached = strict.second().recv(Connection.class);
            lax.first().send(unattached); // passed on before it was ever used here
            try (Connection there = lax.second().recv(Connection.class)) {
                data.first().send(new Point(5, 6));
                assertThatThrownBy(there::recv).isExactlyInstanceOf(TypeNotAllowedException.class);
            }
        }
    }

    @Test
    void handleDecodedWithNoReceivingConnectionGetsTheDefaultPolicy() throws Exception {
        try (Pipe data = Pipe.open(true, ConnectionOptions.builder().typePolicy(TypePolicy.allowAll()).build())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(data.second());
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
                 Connection there = (Connection) in.readObject()) {
                data.first().send(new Point(7, 8));
                assertThatThrownBy(there::recv).isExactlyInstanceOf(TypeNotAllowedException.class);
            }
        }
    }

    @Test
    void forgedHandleNamingATcpAddressIsRefusedBeforeAnyConnection() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open();
             Pipe carrier = Pipe.open(true)) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            String address = "127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort();
            sendRaw(carrier.first(), List.of(forged(address, "jdk", TypePolicy.allowAll())));

            assertThatThrownBy(carrier.second()::recv).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage(refusal(address, "it names the TCP address " + address + ", and handles attach"
                            + " over TCP only where the receiving connection or queue opted in; if the sender is"
                            + " trusted, build the receiving side with attachHandlesOverTcp(true)"
                            + " (ConnectionOptions or QueueFactory)"))
                    .satisfies(e -> assertThat(((HandleRefusedException) e).payload()).isNotEmpty());
            // Connecting completes in the kernel before accept: a connection attempt would be pending now.
            try (SocketChannel pending = listener.accept()) {
                assertThat(pending).as("a connection to the forged address").isNull();
            }
            assertStillUsable(carrier);
        }
    }

    @Test
    void receivingSideThatOptedInToTcpDoesConnectSoTheRefusalAboveIsReal() throws Exception {
        ConnectionOptions optIn = ConnectionOptions.builder().attachHandlesOverTcp(true).build();
        try (ServerSocketChannel listener = ServerSocketChannel.open(); Pipe carrier = Pipe.open(true, optIn)) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String address = "127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort();
            sendRaw(carrier.first(), forged(address, "jdk", TypePolicy.defaults()));
            Connection end = carrier.second().recv(Connection.class);
            FutureTask<Object> use = new FutureTask<>(() -> {
                end.send("x");
                return null;
            });
            Thread user = new Thread(use, "uses-the-forged-end");
            user.setDaemon(true);
            user.start();
            try (SocketChannel accepted = listener.accept()) {
                assertThat(accepted).isNotNull();
            }
            assertThat(use).failsWithin(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void forgedHandleNamingASocketOutsideAPrivateDirectoryIsRefused() throws Exception {
        String address = dir.resolve("evil.sock").toString();
        try (Pipe carrier = Pipe.open(true)) {
            sendRaw(carrier.first(), forged(address, "jdk", TypePolicy.defaults()));
            assertThatThrownBy(carrier.second()::recv).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage(refusal(address, "its socket " + address + " is not inside an mp4j private"
                            + " directory (mp4j-* or this side's socket directory); handles attach only to sockets"
                            + " of this user's mp4j processes"));
            assertStillUsable(carrier);
        }
    }

    @Test
    void forgedHandleEscapingAPrivateDirectoryWithDotDotIsRefused() throws Exception {
        try (Pipe carrier = Pipe.open(true)) {
            String address = ConnectionOptions.defaults().socketDirectory() + "/../evil.sock";
            sendRaw(carrier.first(), forged(address, "jdk", TypePolicy.defaults()));
            assertThatThrownBy(carrier.second()::recv).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage(refusal(address, "its socket path " + address + " contains '..'"));
            assertStillUsable(carrier);
        }
    }

    @Test
    void forgedHandleThroughASymbolicLinkNamedLikeAPrivateDirectoryIsRefused() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(dir.resolve("mp4j-link"), real);
        String address = link.resolve("s.sock").toString();
        try (Pipe carrier = Pipe.open(true)) {
            sendRaw(carrier.first(), forged(address, "jdk", TypePolicy.defaults()));
            assertThatThrownBy(carrier.second()::recv).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage(refusal(address, "the directory " + link + " of its socket is a symbolic link;"
                            + " handles attach only inside a real private directory"));
            assertStillUsable(carrier);
        }
    }

    @Test
    void forgedHandleInADirectoryOthersCanReadIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("mp4j-open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        String address = open.resolve("s.sock").toString();
        try (Pipe carrier = Pipe.open(true)) {
            sendRaw(carrier.first(), forged(address, "jdk", TypePolicy.defaults()));
            assertThatThrownBy(carrier.second()::recv).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage(refusal(address, "the directory " + open + " of its socket has permissions"
                            + " rwxr-xr-x, not owner-only (rwx------)"));
            assertStillUsable(carrier);
        }
    }

    @Test
    void forgedHandleNamingAnotherSerializerThanTheConnectionsIsRefused() throws Exception {
        String address = ConnectionOptions.defaults().socketDirectory().resolve("x.sock").toString();
        try (Pipe carrier = Pipe.open(true)) {
            sendRaw(carrier.first(), forged(address, "kryo", TypePolicy.defaults()));
            assertThatThrownBy(carrier.second()::recv).isExactlyInstanceOf(HandleRefusedException.class)
                    .hasMessage("the pipe end handed over by process 1@evil uses serializer 'kryo' but arrived"
                            + " through a connection or queue that uses 'jdk'; a received handle may only use the"
                            + " serializer of the connection or queue it arrived through: make both with the same"
                            + " serializer");
            assertStillUsable(carrier);
        }
    }

    @Test
    void handleNamingASerializerThatIsNotInstalledIsRefusedNamingIt() {
        String address = ConnectionOptions.defaults().socketDirectory().resolve("x.sock").toString();
        assertThatThrownBy(() -> PipeEnd.fromHandle(forged(address, "nosuch", TypePolicy.defaults()),
                HandleRules.noContext())).isExactlyInstanceOf(HandleRefusedException.class)
                .hasMessageStartingWith("the pipe end handed over by process 1@evil uses serializer 'nosuch', which"
                        + " is not installed in process ")
                .hasMessageEndingWith("(installed: " + Serializers.names() + "); add that serializer to this"
                        + " process's class path, or make the handed-over object with an installed one");
    }
}
