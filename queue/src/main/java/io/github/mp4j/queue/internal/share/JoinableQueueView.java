package io.github.mp4j.queue.internal.share;

import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.TaskEnd;
import io.github.mp4j.JoinableQueue;
import java.time.Duration;

/**
 * The {@link JoinableQueue} users hold. Unfinished tasks are counted by the owner: each put adds one,
 * {@link #taskDone()} finishes one. A get whose item cannot be decoded finishes that task itself (the caller never
 * saw it) and has the owner count and log it. In an attached process, {@code taskDone()} for a task this process took is sent without waiting.
 *
 * @param <T> the type of the items
 */
public final class JoinableQueueView<T> extends QueueView<T> implements JoinableQueue<T> {
    private static final long serialVersionUID = 1L;

    public JoinableQueueView(QueueBackend backend) {
        super(backend);
    }

    @Override
    public void taskDone() {
        backend.taskDone();
    }

    @Override
    public void join() throws InterruptedException {
        backend.join(Deadline.NONE);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return backend.join(Deadline.nanos(timeout));
    }

    @Override
    public long tasksRequeued() {
        return backend.tasksEnded(TaskEnd.REQUEUED);
    }

    @Override
    public long tasksCountedAsDone() {
        return backend.tasksEnded(TaskEnd.COUNTED_AS_DONE);
    }

    @Override
    public long tasksUndecodable() {
        return backend.tasksEnded(TaskEnd.UNDECODABLE);
    }
}
