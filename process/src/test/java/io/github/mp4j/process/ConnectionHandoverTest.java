package io.github.mp4j.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.Connection;
import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.Pipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pipe ends handed to real child JVMs: as start arguments, to two children, and inside a message. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionHandoverTest {
    private static final Duration JOIN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The article's pipe demo: the child prints what it receives until "quit". */
    static void printUntilQuit(Object... args) throws IOException {
        Connection r = (Connection) args[0];
        for (;;) {
            Object msg = r.recv();
            if ("quit".equals(msg)) {
                break;
            }
            System.out.println("recv: " + msg);
        }
        System.out.println("child process end~");
    }

    /** Sends back every message with "!" appended, until "quit". */
    static void echo(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        for (Object m = c.recv(); !"quit".equals(m); m = c.recv()) {
            c.send(m + "!");
        }
    }

    /** Receives a Connection inside a message on args[0], then echoes on it. */
    static void echoOnReceivedConnection(Object... args) throws IOException {
        Connection control = (Connection) args[0];
        Connection data = control.recv(Connection.class);
        control.send("got it");
        echo(data);
    }

    /** Sends "ping from " + args[1] on args[0], then writes the reply into the file args[2]. */
    static void pingAndRecord(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        c.send("ping from " + args[1]);
        Files.writeString(Path.of((String) args[2]), String.valueOf(c.recv()));
    }

    /** Answers one message on args[0] with "pong to <message>". */
    static void pong(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        c.send("pong to " + c.recv());
    }

    @Test
    void articlePipeDemoChildPrintsUntilQuitAndExitsZero() throws Exception {
        Path out = dir.resolve("child.out");
        try (Pipe pipe = Pipe.open(true)) {
            JvmProcess p = JvmProcess.builder(ConnectionHandoverTest::printUntilQuit).args(pipe.first())
                    .redirectOutput(ProcessBuilder.Redirect.to(out.toFile())).build();
            p.start();
            for (String cmd : List.of("helloworld", "testmsg", "quit")) {
                pipe.second().send(cmd);
            }
            assertThat(p.join(JOIN)).isTrue();
            assertThat(p.isAlive()).isFalse();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(Files.readAllLines(out)).containsExactly("recv: helloworld", "recv: testmsg",
                    "child process end~");
        }
    }

    @Test
    void parentKeepsOneEndAndTheChildAnswersOnTheOther() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            JvmProcess p = new JvmProcess(ConnectionHandoverTest::echo, pipe.second());
            p.start();
            pipe.second().close(); // the parent's copy, as in Python; the child owns the end now
            for (int i = 0; i < 100; i++) {
                pipe.first().send("m" + i);
                assertThat(pipe.first().recv()).isEqualTo("m" + i + "!");
            }
            pipe.first().send("quit");
            assertThat(p.join(JOIN)).isTrue();
            assertThat(p.exitCode()).hasValue(0);
        }
    }

    @Test
    void bothEndsGoToTwoDifferentChildren() throws Exception {
        Path result = dir.resolve("result");
        try (Pipe pipe = Pipe.open(true)) {
            JvmProcess pinger = new JvmProcess(ConnectionHandoverTest::pingAndRecord, pipe.first(), "one",
                    result.toString());
            JvmProcess ponger = new JvmProcess(ConnectionHandoverTest::pong, pipe.second());
            pinger.start();
            ponger.start();
            assertThat(pinger.join(JOIN)).isTrue();
            assertThat(ponger.join(JOIN)).isTrue();
            assertThat(pinger.exitCode()).hasValue(0);
            assertThat(ponger.exitCode()).hasValue(0);
            assertThat(Files.readString(result)).isEqualTo("pong to ping from one");
        }
    }

    @Test
    void endSentInsideAMessageToARunningChildAttachesThere() throws Exception {
        try (Pipe control = Pipe.open(true); Pipe data = Pipe.open(true)) {
            JvmProcess p = new JvmProcess(ConnectionHandoverTest::echoOnReceivedConnection, control.second());
            p.start();
            control.first().send(data.second());
            assertThat(control.first().recv()).isEqualTo("got it");
            data.first().send("through the handed end");
            assertThat(data.first().recv()).isEqualTo("through the handed end!");
            data.first().send("quit");
            assertThat(p.join(JOIN)).isTrue();
            assertThat(p.exitCode()).hasValue(0);
        }
    }

    @Test
    void handingOneEndToASecondChildFailsAtStartWithoutStartingIt() throws Exception {
        try (Pipe pipe = Pipe.open(true)) {
            JvmProcess first = new JvmProcess(ConnectionHandoverTest::echo, pipe.second());
            first.start();
            JvmProcess second = new JvmProcess(ConnectionHandoverTest::echo, pipe.second());
            assertThatThrownBy(second::start).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("this connection end was already handed to another process; a Connection"
                            + " end can be used by one process at a time");
            assertThatThrownBy(second::pid).isInstanceOf(IllegalStateException.class);
            pipe.first().send("quit");
            assertThat(first.join(JOIN)).isTrue();
        }
    }
}
