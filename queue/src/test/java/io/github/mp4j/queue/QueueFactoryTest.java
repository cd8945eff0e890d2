package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.spi.Serializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** QueueFactory's configuration and what it makes. */
@Timeout(60)
class QueueFactoryTest {

    @Test
    void builderCarriesEveryOptionIntoTheConnectionOptions(@TempDir Path dir) throws Exception {
        Path sockets = Files.createDirectory(dir.resolve("s"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        TypePolicy policy = TypePolicy.defaults().allowPackages("com.example");
        QueueFactory f = QueueFactory.builder().serializer("jdk").typePolicy(policy).authkey(new byte[] {1, 2, 3})
                .maxFrameLength(1 << 20).socketDirectory(sockets).onWorkerDeath(OnWorkerDeath.COUNT_AS_DONE)
                .build();
        assertThat(f.connectionOptions().serializer().name()).isEqualTo("jdk");
        assertThat(f.connectionOptions().typePolicy()).isEqualTo(policy);
        assertThat(f.connectionOptions().authkey()).containsExactly(1, 2, 3);
        assertThat(f.connectionOptions().maxFrameLength()).isEqualTo(1 << 20);
        assertThat(f.connectionOptions().socketDirectory()).isEqualTo(sockets);
        assertThat(f.onWorkerDeath()).isEqualTo(OnWorkerDeath.COUNT_AS_DONE);
    }

    @Test
    void defaultsPickTheSingleNonJdkSerializerAndRequeue() {
        assertThat(QueueFactory.defaults().connectionOptions().serializer().name())
                .isEqualTo(Serializers.defaultSerializer().name());
        assertThat(QueueFactory.defaults().onWorkerDeath()).isEqualTo(OnWorkerDeath.REQUEUE);
        assertThat(QueueFactory.defaults().connectionOptions().typePolicy()).isEqualTo(TypePolicy.defaults());
    }

    @Test
    void unknownSerializerNameIsRefusedNamingTheInstalledOnes() {
        assertThatThrownBy(() -> QueueFactory.builder().serializer("nope"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no serializer named 'nope' is installed; installed: ");
    }

    @Test
    void makesEachKindWithItsBound() {
        QueueFactory f = QueueFactory.defaults();
        Queue<String> bounded = f.queue(3);
        Queue<String> unbounded = f.queue(0);
        SimpleQueue<String> simple = f.simpleQueue();
        JoinableQueue<String> joinable = f.joinableQueue(2);
        assertThat(bounded.maxsize()).isEqualTo(3);
        assertThat(unbounded.maxsize()).isZero();
        assertThat(f.<String>queue().maxsize()).isZero();
        assertThat(simple).isNotInstanceOf(Queue.class);
        assertThat(joinable.maxsize()).isEqualTo(2);
        assertThat(f.<String>joinableQueue().maxsize()).isZero();
        assertThat(bounded).isNotInstanceOf(JoinableQueue.class);
        assertThat(QueueFactory.tasksRequeued(joinable)).isZero();
        JoinableQueue<String> proxy = io.github.mp4j.queue.internal.Attach.remote(joinable);
        assertThatThrownBy(() -> QueueFactory.tasksCountedAsDone(proxy))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("only the owner process counts a queue's tasks");
    }

    @Test
    void pipeUsesTheFactorysSerializer() throws Exception {
        try (Pipe p = QueueFactory.builder().serializer("jdk").build().pipe(true)) {
            p.first().send("over the pipe");
            assertThat(p.second().recv()).isEqualTo("over the pipe");
        }
    }
}
