package io.github.mp4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueClosedException;
import io.github.mp4j.QueueEmptyException;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.internal.LocalProcess;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.internal.Attach;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What users of a queue see: names, what close() ends, what a get that cannot decode its item does. */
@Timeout(120)
class QueueSemanticsTest extends ChildJvmTest {
    private OwnerLog log;

    @BeforeEach
    void captureOwnerLog() throws ReflectiveOperationException {
        log = OwnerLog.capture();
    }

    @AfterEach
    void releaseOwnerLog() throws ReflectiveOperationException {
        log.close();
    }

    private static QueueFactory jdkWithTestTypes() {
        return QueueFactory.builder().serializer("jdk")
                .typePolicy(TypePolicy.defaults().allowPackages("io.github.mp4j.queue")).build();
    }

    // ------------------------------------------------------------------ names

    @Test
    void aNamedQueueSaysItsNameInErrorsHereAndInAttachedProcesses() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        Queue<String> orders = f.queue("orders");
        String owner = "queue \"orders\" owned by " + LocalProcess.id();
        assertThat(orders).hasToString("Queue[" + owner + "]");
        assertThatThrownBy(orders::getNowait).isExactlyInstanceOf(QueueEmptyException.class)
                .hasMessage(owner + " is empty");
        Queue<String> proxy = Attach.remote(orders);
        assertThatThrownBy(proxy::getNowait).isExactlyInstanceOf(QueueEmptyException.class)
                .hasMessage(owner + " is empty");
        proxy.close();

        SimpleQueue<String> results = f.simpleQueue();
        JvmProcess child = start(QueueChildren::describeEmptyQueue, orders, results);
        assertThat(results.get()).isEqualTo(owner + " is empty");
        assertThat(child.join(LONG)).isTrue();
    }

    @Test
    void everyKindTakesANameAndABound() {
        QueueFactory f = QueueFactory.defaults();
        assertThat(f.<String>queue("a", 3).maxsize()).isEqualTo(3);
        assertThat(f.joinableQueue("tasks", 100).maxsize()).isEqualTo(100);
        assertThat(f.joinableQueue("tasks")).hasToString("JoinableQueue[queue \"tasks\" owned by "
                + LocalProcess.id() + "]");
        assertThat(f.simpleQueue("s")).hasToString("SimpleQueue[queue \"s\" owned by " + LocalProcess.id() + "]");
        Queue<String> unnamed = f.queue();
        assertThat(unnamed).hasToString("Queue[queue " + Attach.id(unnamed) + " owned by " + LocalProcess.id() + "]");
    }

    @Test
    void blankOrControlCharacterNamesAreRefused() {
        QueueFactory f = QueueFactory.defaults();
        assertThatThrownBy(() -> f.queue(" "))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue name \" \" must be 1 to 200 characters, not blank, without control characters");
        assertThatThrownBy(() -> f.joinableQueue("a\nb"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue name \"a?b\" must be 1 to 200 characters, not blank, without control characters");
        assertThatThrownBy(() -> f.queue((String) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("queue name");
    }

    // ------------------------------------------------------------------ factory description

    @Test
    void toStringNamesTheChosenSerializerAndSaysTheAuthkeyIsRandomPerJvm() {
        // kryo and jdk are both on this module's test class path: the documented order picks kryo.
        assertThat(QueueFactory.defaults().connectionOptions().serializer().name()).isEqualTo("kryo");
        assertThat(QueueFactory.defaults().toString()).startsWith("QueueFactory[serializer=kryo, typePolicy=")
                .contains(", authkey=random per JVM, maxFrameLength=67108864, socketDirectory=")
                .endsWith(", onWorkerDeath=REQUEUE]");
        assertThat(QueueFactory.builder().authkey(new byte[] {1}).build().toString()).contains(", authkey=set,")
                .doesNotContain("random");
    }

    // ------------------------------------------------------------------ close

    @Test
    void ownerCloseEndsOnlyTheOwnersUseAttachedProcessesKeepTheQueue() throws Exception {
        QueueFactory f = QueueFactory.defaults();
        Queue<Integer> q = f.queue("shared");
        SimpleQueue<Object> results = f.simpleQueue();
        Future<Integer> ownerWaiter = threads.submit(() -> q.get());
        Await.until(() -> Attach.waitingAtOwner(q) == 1, "the owner's getter");
        start(QueueChildren::relayOne, q, results);
        Await.until(() -> Attach.waitingAtOwner(q) == 2, "the child's getter at the owner");

        q.close();
        assertThatThrownBy(() -> ownerWaiter.get(60, TimeUnit.SECONDS)).hasCauseExactlyInstanceOf(
                QueueClosedException.class).cause().hasMessage("Queue is closed: queue \"shared\" owned by "
                        + LocalProcess.id() + " was closed in process " + LocalProcess.id()
                        + "; put/get are no longer allowed there");
        assertThatThrownBy(() -> q.put(1)).isExactlyInstanceOf(QueueClosedException.class);
        // the child still waits in get: another child's put reaches it through the owner
        start(QueueChildren::putTenToNineteen, q);
        assertThat(results.get()).isEqualTo(10);
    }

    // ------------------------------------------------------------------ items that cannot be decoded

    @Test
    void anUndecodableTaskTakenByTheOwnerIsConsumedCountedAsDoneAndLogged() throws Exception {
        JoinableQueue<Object> tasks = jdkWithTestTypes().joinableQueue("jobs");
        tasks.put(new Unreadable());
        tasks.put("fine");

        assertThatThrownBy(tasks::get).isInstanceOf(DecodeException.class)
                .hasMessageContaining(Unreadable.REFUSAL);
        assertThat(tasks.tasksUndecodable()).isEqualTo(1);
        assertThat(tasks.qsize()).isEqualTo(1);
        assertThat(tasks.join(Duration.ZERO)).as("one task is left").isFalse();
        assertThat(tasks.get()).isEqualTo("fine");
        tasks.taskDone();
        assertThat(tasks.join(Duration.ZERO)).isTrue();
        // the undecodable task is done already: a taskDone() for it is one too many
        assertThatThrownBy(tasks::taskDone).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("taskDone() called too many times");
        assertThat(log.messages()).singleElement().asString()
                .startsWith("WARNING: queue \"jobs\" owned by " + LocalProcess.id() + ": a get in " + LocalProcess.id()
                        + " (the owner) could not decode an item (DecodeException: ")
                .contains(Unreadable.REFUSAL)
                .endsWith("; the item is consumed and its task counted as done (taskDone() must not be called"
                        + " for it)");
    }

    @Test
    void anUndecodableTaskTakenByAWorkerIsCountedAtTheOwnerAndReadableEverywhere() throws Exception {
        QueueFactory f = jdkWithTestTypes();
        JoinableQueue<Object> tasks = f.joinableQueue("jobs");
        SimpleQueue<String> results = f.simpleQueue();
        tasks.put(1);
        tasks.put(new Unreadable());
        tasks.put(2);
        tasks.put(null);
        JvmProcess worker = start(QueueChildren::undecodableWorker, tasks, results);

        assertThat(results.get()).isEqualTo("task 1");
        assertThat(results.get()).isEqualTo("undecodable: DecodeException");
        // get() in the worker threw only after the owner had counted the item
        assertThat(tasks.tasksUndecodable()).isEqualTo(1);
        assertThat(results.get()).isEqualTo("task 2");
        assertThat(results.get()).isEqualTo("counted 1");
        assertThat(tasks.join(LONG)).isTrue();
        assertThat(worker.join(LONG)).isTrue();
        assertThat(worker.exitCode()).hasValue(0);
        assertThat(tasks.tasksRequeued()).isZero();
        assertThat(tasks.tasksCountedAsDone()).isZero();
        assertThat(log.messages()).singleElement().asString()
                .startsWith("WARNING: queue \"jobs\" owned by " + LocalProcess.id() + ": a get in " + worker.pid() + "@")
                .contains(" could not decode an item (DecodeException: ");
    }

    @Test
    void anUndecodableItemOfAPlainQueueIsLoggedButNotCountedAsATask() throws Exception {
        Queue<Object> q = jdkWithTestTypes().queue();
        q.put(new Unreadable());
        assertThatThrownBy(q::get).isInstanceOf(DecodeException.class);
        assertThat(q.qsize()).isZero();
        assertThat(log.messages()).singleElement().asString().contains(" could not decode an item (DecodeException: ")
                .endsWith("; the item is consumed");
    }
}
