package io.github.mp4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.queue.QueueFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An attached process's {@code taskDone} counts in its session page and sends the owner a message only when that
 * finishes its last task <em>and</em> a {@code join} waits at the owner ({@link SessionPage#joinWanted()}): tasks
 * done while nobody joins cost no message, and a waiting join still hears of the last one at once. The remote
 * proxy is a real attached session (over the default transport) in this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskDoneMessagesTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void tasksDoneWhileNobodyJoinsSendNoMessageAndAWaitingJoinHearsOfTheLastOne() throws Exception {
        JoinableQueue<String> owned = QueueFactory.defaults().joinableQueue();
        JoinableQueue<String> remote = Attach.remote(owned);
        try {
            for (int i = 0; i < 50; i++) {
                owned.put("task " + i);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(remote.get(LONG)).isEqualTo("task " + i);
                remote.taskDone();
            }
            assertThat(remote.qsize()).as("a request answered after every earlier message of the process").isZero();
            assertThat(Attach.readPagesAtOwner(owned)).as("messages for 50 tasks done while nobody joins").isZero();
            assertThat(owned.join(Duration.ZERO)).as("the owner finds the counts in the page").isTrue();

            owned.put("last");
            assertThat(remote.get(LONG)).isEqualTo("last");
            Thread[] joiner = new Thread[1];
            CompletableFuture<Boolean> joined = CompletableFuture.supplyAsync(() -> {
                joiner[0] = Thread.currentThread();
                try {
                    return owned.join(LONG);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> new Thread(r, "owner-joiner").start());
            awaitJoinWaiting(joiner);
            assertThat(joined).as("the last task is not done yet").isNotDone();

            remote.taskDone();
            assertThat(joined.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Attach.readPagesAtOwner(owned)).as("one message: the last task done while a join waited")
                    .isEqualTo(1);
        } finally {
            remote.close();
            owned.close();
        }
    }

    /** Polls (1 ms steps, up to 30 s) until the joiner waits on the owner's condition. */
    private static void awaitJoinWaiting(Thread[] joiner) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (joiner[0] == null || joiner[0].getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the joiner waits").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
