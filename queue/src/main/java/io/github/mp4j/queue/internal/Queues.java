package io.github.mp4j.queue.internal;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.queue.OnWorkerDeath;
import io.github.mp4j.queue.internal.owner.OwnerQueue;
import io.github.mp4j.queue.internal.share.JoinableQueueView;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.internal.share.QueueView;
import io.github.mp4j.queue.internal.share.SimpleQueueView;

/** Makes queues for {@link io.github.mp4j.queue.QueueFactory}; the entry point into this package. */
public final class Queues {
    /** The longest queue name. */
    public static final int MAX_NAME_LENGTH = 200;

    private Queues() {
    }

    /**
     * A new queue owned by this process.
     *
     * @param kind which interface it offers
     * @param maxsize its bound; 0 or less means unbounded
     * @param options serializer, type policy, authkey, frame limit and socket directory
     * @param onWorkerDeath what a joinable queue does with a dead worker's unfinished tasks
     */
    public static SimpleQueue<?> create(QueueKind kind, int maxsize, ConnectionOptions options,
                                        OnWorkerDeath onWorkerDeath) {
        return create(kind, maxsize, options, onWorkerDeath, null);
    }

    /**
     * A new queue owned by this process, with a name that its messages and log lines (in every process) show.
     *
     * @param name the queue's name, or null for none (messages then say {@code "queue <n>"})
     * @throws IllegalArgumentException if {@code name} is blank, longer than 200 characters or holds control
     *     characters
     */
    public static SimpleQueue<?> create(QueueKind kind, int maxsize, ConnectionOptions options,
                                        OnWorkerDeath onWorkerDeath, String name) {
        OwnerQueue queue = new OwnerQueue(kind, kind == QueueKind.SIMPLE ? 0 : maxsize, options, onWorkerDeath,
                checkName(name));
        SimpleQueueView<?> view = view(queue, kind);
        queue.view(view);
        return view;
    }

    /** Tasks of dead workers counted as done by the owner of {@code queue}. */
    public static long tasksCountedAsDone(JoinableQueue<?> queue) {
        return owner(queue).tasksEnded(TaskEnd.COUNTED_AS_DONE);
    }

    /** Tasks of dead workers put back on the queue by the owner of {@code queue}. */
    public static long tasksRequeued(JoinableQueue<?> queue) {
        return owner(queue).tasksEnded(TaskEnd.REQUEUED);
    }

    private static String checkName(String name) {
        if (name == null) {
            return null;
        }
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("queue name \"" + name.replaceAll("\\p{Cntrl}", "?")
                    + "\" must be 1 to " + MAX_NAME_LENGTH + " characters, not blank, without control characters");
        }
        return name;
    }

    /** The user-facing view of {@code kind} over {@code backend} (also used by backends in other modules). */
    public static SimpleQueueView<?> view(QueueBackend backend, QueueKind kind) {
        switch (kind) {
            case SIMPLE:
                return new SimpleQueueView<>(backend);
            case QUEUE:
                return new QueueView<>(backend);
            default:
                return new JoinableQueueView<>(backend);
        }
    }

    private static OwnerQueue owner(JoinableQueue<?> queue) {
        if (queue instanceof JoinableQueueView && ((JoinableQueueView<?>) queue).backend() instanceof OwnerQueue) {
            return (OwnerQueue) ((JoinableQueueView<?>) queue).backend();
        }
        throw new IllegalArgumentException("only the owner process counts a queue's tasks, and " + queue
                + " is not a queue made by a QueueFactory in this process");
    }
}
