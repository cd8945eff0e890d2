package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.Connection;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.testkit.ChildRun;
import io.github.mp4j.testkit.IsolatedSamples;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.example.mp4j.hostile.HostileFlag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attack of issue 12 between real processes: a peer builds a pipe or a queue with {@link TypePolicy#allowAll()},
 * hands one end (or the queue) to a victim JVM whose own connection allows only its own package, then sends a
 * {@code Hostile} through it. The victim must decode with its own policy: the hostile type is refused by name, its
 * static initialiser never runs there, and the end or queue stays usable. Run for every serializer that can carry
 * handles (jdk, and kryo through java serialization; json refuses to encode handles and never runs
 * {@code readResolve}, protobuf carries only Message types).
 */
class ReceivedHandleAttackTest extends ChildJvmTest {
    /** The victim's own policy: only its own package beyond the JDK defaults. */
    static final String VICTIM_PACKAGE = "io.github.mp4j.queue";

    /**
     * The victim: connects to args[0] with authkey args[1] and serializer args[2] under its own policy, receives a
     * Connection or queue (alone or as the first element of a list), takes two values from it and reports each, then whether {@code Hostile} was initialised
     * here; waits for the peer's last word before it ends.
     */
    static void victim(Object... args) throws Exception {
        ConnectionOptions own = ConnectionOptions.builder().authkey((byte[]) args[1]).serializer((String) args[2])
                .typePolicy(TypePolicy.defaults().allowPackages(VICTIM_PACKAGE)).build();
        try (Connection control = Client.connect((String) args[0], own)) {
            Object message = control.recv();
            Object received = message instanceof List ? ((List<?>) message).get(0) : message;
            for (int i = 0; i < 2; i++) {
                control.send(outcome(() -> received instanceof Connection ? ((Connection) received).recv()
                        : ((Queue<?>) received).get(LONG)));
            }
            control.send("hostile initialised: " + HostileFlag.initialised());
            control.recv();
        }
    }

    /**
     * A child started with a pipe end args[0] that its parent received from a peer: takes two values from it and
     * reports each on the queue args[1], then whether {@code Hostile} was initialised here.
     */
    @SuppressWarnings("unchecked")
    static void takeTwoAndReport(Object... args) throws Exception {
        Connection data = (Connection) args[0];
        SimpleQueue<String> report = (SimpleQueue<String>) args[1];
        for (int i = 0; i < 2; i++) {
            report.put(outcome(data::recv));
        }
        report.put("hostile initialised: " + HostileFlag.initialised());
    }

    private static String outcome(Callable<Object> take) {
        try {
            return "OK " + take.call();
        } catch (Exception e) {
            return "ERR " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    /** A victim JVM connected to this one: what this process sends on {@code control} arrives under its rules. */
    private final class Victim implements AutoCloseable {
        final Listener listener;
        final Connection control;

        Victim(String serializer) throws Exception {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            listener = Listener.bind(ConnectionOptions.defaults().socketDirectory().resolve("victim-" + serializer
                    + "-" + System.nanoTime()).toString(), ConnectionOptions.builder().authkey(key)
                    .serializer(serializer).build());
            start(ReceivedHandleAttackTest::victim, listener.address(), key, serializer);
            control = listener.accept();
        }

        /** The victim's three report lines. */
        List<String> report() throws Exception {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lines.add((String) control.recv());
            }
            control.send("bye");
            return lines;
        }

        @Override
        public void close() throws Exception {
            control.close();
            listener.close();
        }
    }

    private static List<String> refusedAndStillUsable(String serializer) {
        return List.of(ChildRun.typeNotAllowedLine(serializer, "org.example.mp4j.hostile.Hostile"),
                "OK still usable", "hostile initialised: false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void pipeEndOfAnAllowAllPipeDecodesWithTheVictimsPolicy(String serializer) throws Exception {
        QueueFactory lax = QueueFactory.builder().serializer(serializer).typePolicy(TypePolicy.allowAll()).build();
        try (Pipe data = lax.pipe(true); Victim v = new Victim(serializer)) {
            v.control.send(data.second());
            data.first().send(IsolatedSamples.hostile());
            data.first().send("still usable");
            assertThat(v.report()).containsExactlyElementsOf(refusedAndStillUsable(serializer));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void queueOfAnAllowAllFactoryDecodesWithTheVictimsPolicy(String serializer) throws Exception {
        QueueFactory lax = QueueFactory.builder().serializer(serializer).typePolicy(TypePolicy.allowAll()).build();
        Queue<Object> q = lax.queue();
        try (Victim v = new Victim(serializer)) {
            v.control.send(q);
            q.put(IsolatedSamples.hostile());
            q.put("still usable");
            assertThat(v.report()).containsExactlyElementsOf(refusedAndStillUsable(serializer));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void receivedEndPassedToAChildAsAStartArgumentKeepsTheNarrowedPolicy(String serializer) throws Exception {
        QueueFactory lax = QueueFactory.builder().serializer(serializer).typePolicy(TypePolicy.allowAll()).build();
        QueueFactory strict = QueueFactory.builder().serializer(serializer).build();
        SimpleQueue<String> report = strict.simpleQueue();
        try (Pipe data = lax.pipe(true); Pipe carrier = strict.pipe(true)) {
            carrier.first().send(data.second());
            Connection received = carrier.second().recv(Connection.class); // narrowed to strict's policy here
            JvmProcess child = start(ReceivedHandleAttackTest::takeTwoAndReport, received, report);
            data.first().send(IsolatedSamples.hostile());
            data.first().send("still usable");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lines.add(report.get());
            }
            assertThat(lines).containsExactlyElementsOf(refusedAndStillUsable(serializer));
            assertThat(child.join(LONG)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void handlesNestedInAListAreNarrowedToo(String serializer) throws Exception {
        QueueFactory lax = QueueFactory.builder().serializer(serializer).typePolicy(TypePolicy.allowAll()).build();
        try (Pipe data = lax.pipe(true); Victim v = new Victim(serializer)) {
            v.control.send(new ArrayList<>(List.of(data.second())));
            data.first().send(IsolatedSamples.hostile());
            data.first().send("still usable");
            assertThat(v.report()).containsExactlyElementsOf(refusedAndStillUsable(serializer));
        }
    }
}
