package io.github.mp4j.queue.internal.owner;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.queue.OnWorkerDeath;
import io.github.mp4j.queue.internal.FramePool;
import io.github.mp4j.queue.internal.ItemCodec;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.QueueErrors;
import io.github.mp4j.pipe.internal.attach.AttachService;
import io.github.mp4j.queue.internal.QueueAttacher;
import io.github.mp4j.queue.internal.TaskEnd;
import io.github.mp4j.queue.internal.owner.Waiters.Getter;
import io.github.mp4j.queue.internal.owner.Waiters.PutWaiter;
import io.github.mp4j.queue.internal.share.QueueHandle;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A queue in the process that created it: holds the items as encoded messages and does all the synchronisation.
 * This class is the owner's own use of the queue (put/get, taskDone, join, close); the parts it is made of
 * share its one {@link #lock}:
 * <ul>
 *   <li>{@link LocalPutGet}: the owner process's own put and get, and their waits;</li>
 *   <li>{@link OwnerState}: the items and waiters and the moves between them (which getter gets which item);</li>
 *   <li>{@link OwnerProtocol}: what each message of an attached process does ({@link OwnerSession} reads them);</li>
 *   <li>{@link IdleFence}: takes prefetched items back from consumers that stopped getting while others wait;</li>
 *   <li>{@link SessionLedger}: per attached process, its items in flight, tasks, credits and page counts;</li>
 *   <li>{@link Outbox}: messages to attached processes, queued under the lock and written after
 *       it is released — by the session thread that caused them ({@link #unlockAndFlush()}) or, for the owner's
 *       own put and get and the idle checks, which never touch a socket, by the session's writer thread
 *       ({@link #unlockAndWake()}).</li>
 * </ul>
 */
public final class OwnerQueue implements QueueBackend {
    /** The log of everything the owner of a queue reports (requeued tasks, undecodable items, broken pages). */
    static final System.Logger LOG = System.getLogger(OwnerQueue.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Guards every part of the queue. */
    final ReentrantLock lock = new ReentrantLock();
    final OwnerState state;
    final OwnerProtocol protocol;
    final IdleFence fence;
    /** The owner process's own put and get. */
    private final LocalPutGet local;
    /** Arrays of large items, reused once an item has left the queue ({@link FrameLease}). */
    final FramePool pool = new FramePool();
    /** The outboxes that received messages while {@link #lock} was held (guarded by it), see {@link Outbox}. */
    final ArrayDeque<Outbox> pendingOutboxes = new ArrayDeque<>();

    private final int id = IDS.incrementAndGet();
    private final QueueKind kind;
    private final int maxsize;
    private final ItemCodec codec;
    private final ConnectionOptions options;
    private final String name;
    private final String queueName;
    private volatile boolean closed;
    private volatile QueueHandle handle;
    private SimpleQueueView<?> view;

    /** @param queueName the name given at creation, or null */
    public OwnerQueue(QueueKind kind, int maxsize, ConnectionOptions options, OnWorkerDeath onWorkerDeath,
               String queueName) {
        this.queueName = queueName;
        this.kind = kind;
        this.maxsize = Math.max(0, maxsize);
        this.options = options;
        this.codec = new ItemCodec(options.serializer(), HandleRules.receiving(options.serializer().name(),
                options.typePolicy(), options.maxFrameLength(), options.attachHandlesOverTcp(),
                options::socketDirectory));
        this.name = QueueErrors.describe(id, queueName, LocalProcess.id());
        this.state = new OwnerState(this, kind, this.maxsize);
        this.protocol = new OwnerProtocol(this, state, kind, this.maxsize, onWorkerDeath);
        this.fence = new IdleFence(this, state);
        this.local = new LocalPutGet(this, codec);
    }

    public int id() {
        return id;
    }

    public QueueKind kind() {
        return kind;
    }

    /** The view the factory made for this queue; what a handle resolves to in this process. */
    public SimpleQueueView<?> view() {
        return view;
    }

    public void view(SimpleQueueView<?> view) {
        this.view = view;
    }

    @Override
    public void put(Object item, long nanos) throws InterruptedException {
        local.put(item, nanos);
    }

    @Override
    public Object get(long nanos) throws InterruptedException {
        return local.get(nanos);
    }

    @Override
    public int qsize() {
        lock.lock();
        try {
            return state.countLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void taskDone() {
        lock.lock();
        try {
            state.readAllPagesLocked();
            if (state.unfinished == 0) {
                throw QueueErrors.tooManyTaskDone();
            }
            state.finishTasksLocked(1);
        } finally {
            unlockAndWake();
        }
    }

    @Override
    public boolean join(long nanos) throws InterruptedException {
        long deadline = Deadline.afterNanos(nanos);
        lock.lock();
        try {
            state.readAllPagesLocked();
            if (state.unfinished == 0) {
                return true;
            }
            state.localJoiners++;
            try {
                state.publishWantsLocked(); // attached processes now report finishing their last task
                while (state.unfinished > 0) {
                    if (!Deadline.await(state.allDone, deadline)) {
                        return false;
                    }
                    state.readAllPagesLocked();
                }
                return true;
            } finally {
                state.localJoiners--;
            }
        } finally {
            unlockAndWake();
        }
    }

    /** Stops use of the queue in this (the owner) process only; attached processes keep using it. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Getter g : state.getWaiters) {
                g.queueClosed();
            }
            for (PutWaiter w : state.putWaiters) {
                if (w.session == null) {
                    w.wakeup.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        QueueAttacher.withdrawIfUnused(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public String describe() {
        return name;
    }

    /** The connection settings attached sessions are served with (largest frame, socket directory for pages). */
    public ConnectionOptions connectionOptions() {
        return options;
    }

    /** Offers the queue on this JVM's attach service (started on first use) and describes where to reach it. */
    @Override
    public QueueHandle handle() {
        QueueHandle h = handle;
        if (h == null) {
            synchronized (this) {
                h = handle;
                if (h == null) {
                    AttachService service = QueueAttacher.offer(this);
                    h = new QueueHandle(service.address(), service.key(), id, kind, maxsize,
                            codec.serializerName(), codec.policy(), options.maxFrameLength(), LocalProcess.id(),
                            queueName);
                    handle = h;
                }
            }
        }
        return h;
    }

    @Override
    public long tasksEnded(TaskEnd which) {
        return underLock(() -> countLocked(which));
    }

    long countLocked(TaskEnd which) {
        switch (which) {
            case REQUEUED:
                return state.requeuedTasks;
            case COUNTED_AS_DONE:
                return state.countedAsDone;
            default:
                return state.undecodable;
        }
    }

    /** Items sent to attached processes that their gets have not returned (by their session pages). */
    public int inFlightItems() {
        return (int) underLock(() -> {
            state.readAllPagesLocked();
            return state.inFlight;
        });
    }

    /** Times a large item reused a pooled array instead of a new one ({@link FramePool#reuses()}). */
    public long pooledArrayReuses() {
        return pool.reuses();
    }

    /** Times an idle consumer's prefetched items were taken back for other getters. */
    public long fences() {
        return underLock(() -> fence.fences);
    }

    /** {@code READ_PAGE} messages attached processes sent (a report that their page changed), ever. */
    public long readPageMessages() {
        return underLock(() -> state.readPageMessages);
    }

    /** Puts waiting for room in this bounded queue: local threads and remote requests. */
    public int waitingPuts() {
        return (int) underLock(state.putWaiters::size);
    }

    /** Attached processes whose connection has not ended yet (as far as the owner has seen). */
    public int attachedSessions() {
        return (int) underLock(state.sessions::size);
    }

    /**
     * What carries each attached session ({@code "shm"}, {@code "unix"}, {@code "tcp"}), in attach order; for tests
     * and diagnostics.
     */
    public List<String> sessionTransports() throws IOException {
        lock.lock();
        try {
            List<String> names = new ArrayList<>();
            for (OwnerSession s : state.sessions) {
                names.add(s.transportName());
            }
            return names;
        } finally {
            lock.unlock();
        }
    }

    /** Getters waiting at the owner: local threads plus outstanding remote credits. */
    public int waitingGetters() {
        return (int) underLock(state.getWaiters::size);
    }

    /** Reads a count with the lock held (for the diagnostic accessors above). */
    private long underLock(LongSupplier count) {
        lock.lock();
        try {
            return count.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    /** Throws {@link io.github.mp4j.QueueClosedException} if this process closed the queue. */
    void checkOpen() {
        if (closed) {
            throw QueueErrors.closed(name);
        }
    }

    /**
     * Publishes what the pages should say, releases the lock, then wakes the writers of the sessions that received
     * messages. For the owner's own operations and the idle checks.
     */
    void unlockAndWake() {
        state.publishWantsLocked();
        Outbox.unlockAndWake(lock, pendingOutboxes);
    }

    /** Publishes what the pages should say, releases the lock, then writes the messages queued meanwhile. */
    void unlockAndFlush() {
        state.publishWantsLocked();
        Outbox.unlockAndFlush(lock, pendingOutboxes);
    }
}
