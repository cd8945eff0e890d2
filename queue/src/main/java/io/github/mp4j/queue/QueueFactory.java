package io.github.mp4j.queue;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.internal.Queues;
import io.github.mp4j.queue.spi.QueueBackendProvider;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes queues and pipes with one configuration: serializer, type policy, authkey, largest frame, socket
 * directory, and what a joinable queue does when a worker dies. Python's {@code multiprocessing} context.
 *
 * <pre>{@code
 * QueueFactory mp = QueueFactory.builder().serializer("kryo")
 *         .typePolicy(TypePolicy.defaults().allowPackages("com.example")).build();
 * Queue<Order> orders = mp.queue();
 * new JvmProcess(Worker::run, orders).start();   // the child gets the queue and this configuration
 * orders.put(new Order(42));
 * }</pre>
 *
 * <p><b>Ownership.</b> The process that makes a queue owns it: it holds the items and answers the other
 * processes, which reach it over a Unix socket in the socket directory (opened, with the authkey, when the queue
 * is first passed to another process). A queue passed to a {@link io.github.mp4j.process.JvmProcess} as an
 * argument arrives as a proxy carrying this factory's serializer, type policy and frame limit (a child trusts the
 * parent that starts it). A queue received inside a message never widens the receiver's rules: its items decode
 * with the receiving connection's or queue's type policy narrowed by this factory's, its serializer must be the one
 * it arrived through, and it attaches only to an mp4j private socket directory of this user (see
 * {@link io.github.mp4j.spi.HandleRules}). The owner process must outlive every use of its queues, like a Python {@code Manager}: when it dies,
 * waiters elsewhere get {@link io.github.mp4j.QueueBrokenException}. {@code close()} in the owner ends its own use
 * of the queue only; the queue keeps serving other processes while the owner JVM lives.
 *
 * <p><b>Delivery.</b> An item is encoded in the caller's {@code put} and decoded in the caller's {@code get}; the
 * owner never decodes items. A {@code put} that returned has handed its item to the owner (it survives the
 * producer's {@code kill -9}). Items sent to a consumer process and not yet returned by its {@code get} count in
 * {@code qsize()} and go back to the front of the queue if that process dies or closes the queue. A consumer
 * calling {@code get} in a tight loop prefetches up to 64 small items (at most 64 KiB); if it then stops calling
 * {@code get} (it took its share, or waits on something else) while other getters wait on the empty queue, the
 * owner takes back the items it has not returned once about 20 ms pass without a return, puts them at the front of
 * the queue in their order and hands them to the waiting getters, as if they had never left (for a joinable queue
 * they are not that process's tasks). A consumer process counts what its gets returned (and, for a joinable queue,
 * its {@code taskDone} calls) in a small file it shares with the owner by memory mapping (mode 0600 in the socket
 * directory, unlinked once both sides mapped it), not with a message per item: so {@code qsize()} is exact wherever
 * it is asked, after a consumer's {@code kill -9} the owner reads exactly which items it had returned, and taking
 * items back races safely with a get (one atomic compare-and-set decides which side an item belongs to). An item in flight to a consumer that dies goes back to the front of the queue once the
 * owner sees the connection end.
 *
 * <p><b>Order.</b> Each consumer (a process, or the owner's own threads) receives one producer's items in the
 * order they were put, also when items are taken back from an idle consumer: while one consumer holds items sent
 * to it that its gets have not yet returned, another getter is not handed a later item; it waits until that
 * consumer's gets return them (which it then reports to the owner after each get) or the owner takes them back
 * (about 20 ms without a return), and then receives them first. So several consumers that each prefetch share the
 * stream in turns rather than all at once. A task of a joinable queue that a dead worker had taken is requeued at
 * the front and may reach a consumer after later tasks (it is a re-run).
 *
 * <p><b>Joinable queues.</b> When a worker process's connection ends (death, {@code kill -9}, or close) holding
 * tasks it took and did not mark done, {@link OnWorkerDeath} decides: requeue them at the front (default; they may
 * then run twice) or count them as done. This applies to clean exits too, so a worker that takes a sentinel and
 * exits without {@code taskDone()} puts the sentinel back.
 *
 * <p>Factories are immutable and thread-safe.
 */
public final class QueueFactory {
    private static volatile QueueFactory defaults;

    private final ConnectionOptions options;
    private final OnWorkerDeath onWorkerDeath;
    /** Where queues live when not in this process; null: this process owns them. */
    private final QueueBackendProvider backend;

    private QueueFactory(ConnectionOptions options, OnWorkerDeath onWorkerDeath, QueueBackendProvider backend) {
        this.options = options;
        this.onWorkerDeath = onWorkerDeath;
        this.backend = backend;
    }

    /**
     * The default configuration: the serializer {@link Serializers#defaultSerializer()} picks (the single one on the
     * class path; with several, the first of {@code kryo, json, protobuf, pickle, jdk} found —
     * {@link #toString()} names it); {@link TypePolicy#defaults()}; no authkey of its own, so each JVM's queue
     * server makes a random 32-byte one that travels inside queue handles to the processes it is passed to; 64 MiB
     * frames; a private socket directory; {@link OnWorkerDeath#REQUEUE}.
     *
     * @throws IllegalStateException if no serializer is installed
     */
    public static QueueFactory defaults() {
        QueueFactory f = defaults;
        if (f == null) {
            defaults = f = new Builder().build();
        }
        return f;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** An unbounded queue owned by this process. */
    public <T> Queue<T> queue() {
        return queue(0);
    }

    /**
     * An unbounded queue owned by this process, named {@code name}: its errors and log lines, in every process,
     * say {@code queue "orders" owned by 1234@host} instead of {@code queue 3 owned by 1234@host}. Names need
     * not be unique.
     *
     * @throws IllegalArgumentException if {@code name} is blank, longer than 200 characters or holds control
     *     characters
     */
    public <T> Queue<T> queue(String name) {
        return queue(name, 0);
    }

    /**
     * A named queue holding at most {@code maxsize} items ({@code <= 0}: unbounded); see {@link #queue(String)}.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    @SuppressWarnings("unchecked")
    public <T> Queue<T> queue(String name, int maxsize) {
        if (backend != null) {
            return backend.queue(this, requireName(name), maxsize);
        }
        return (Queue<T>) Queues.create(QueueKind.QUEUE, maxsize, options, onWorkerDeath, requireName(name));
    }

    /** A queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded, as in Python. */
    @SuppressWarnings("unchecked")
    public <T> Queue<T> queue(int maxsize) {
        if (backend != null) {
            return backend.queue(this, maxsize);
        }
        return (Queue<T>) Queues.create(QueueKind.QUEUE, maxsize, options, onWorkerDeath);
    }

    /** A {@link SimpleQueue} owned by this process. */
    @SuppressWarnings("unchecked")
    public <T> SimpleQueue<T> simpleQueue() {
        if (backend != null) {
            return backend.simpleQueue(this);
        }
        return (SimpleQueue<T>) Queues.create(QueueKind.SIMPLE, 0, options, onWorkerDeath);
    }

    /**
     * A named {@link SimpleQueue}; see {@link #queue(String)}.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    @SuppressWarnings("unchecked")
    public <T> SimpleQueue<T> simpleQueue(String name) {
        if (backend != null) {
            return backend.simpleQueue(this, requireName(name));
        }
        return (SimpleQueue<T>) Queues.create(QueueKind.SIMPLE, 0, options, onWorkerDeath, requireName(name));
    }

    /**
     * A named unbounded {@link JoinableQueue}; see {@link #queue(String)}.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    public <T> JoinableQueue<T> joinableQueue(String name) {
        return joinableQueue(name, 0);
    }

    /**
     * A named {@link JoinableQueue} holding at most {@code maxsize} items; see {@link #queue(String)}.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid name
     */
    @SuppressWarnings("unchecked")
    public <T> JoinableQueue<T> joinableQueue(String name, int maxsize) {
        if (backend != null) {
            return backend.joinableQueue(this, requireName(name), maxsize);
        }
        return (JoinableQueue<T>) Queues.create(QueueKind.JOINABLE, maxsize, options, onWorkerDeath,
                requireName(name));
    }

    private static String requireName(String name) {
        return Objects.requireNonNull(name, "queue name");
    }

    /** An unbounded {@link JoinableQueue} owned by this process. */
    public <T> JoinableQueue<T> joinableQueue() {
        return joinableQueue(0);
    }

    /** A {@link JoinableQueue} holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded. */
    @SuppressWarnings("unchecked")
    public <T> JoinableQueue<T> joinableQueue(int maxsize) {
        if (backend != null) {
            return backend.joinableQueue(this, maxsize);
        }
        return (JoinableQueue<T>) Queues.create(QueueKind.JOINABLE, maxsize, options, onWorkerDeath);
    }

    /**
     * A pair of connected {@link io.github.mp4j.Connection}s with this factory's options: Python's
     * {@code Pipe(duplex)}. Simplex: the first end only receives, the second only sends.
     *
     * @throws IOException if the sockets cannot be made
     */
    public Pipe pipe(boolean duplex) throws IOException {
        return Pipe.open(duplex, options);
    }

    /** The connection options this factory's pipes and queue connections use. */
    public ConnectionOptions connectionOptions() {
        return options;
    }

    /** What joinable queues made here do with a dead worker's unfinished tasks. */
    public OnWorkerDeath onWorkerDeath() {
        return onWorkerDeath;
    }

    /** Where this factory's queues live, or null when this process owns them (the default). */
    public QueueBackendProvider backend() {
        return backend;
    }

    /**
     * How many tasks of dead workers the owner of {@code queue} has counted as done
     * ({@link OnWorkerDeath#COUNT_AS_DONE}); each is also logged as a warning.
     *
     * @throws IllegalArgumentException if {@code queue} was not made by a factory in this process
     * @deprecated use {@link JoinableQueue#tasksCountedAsDone()}, which also works in attached processes
     */
    @Deprecated
    public static long tasksCountedAsDone(JoinableQueue<?> queue) {
        return Queues.tasksCountedAsDone(queue);
    }

    /**
     * How many tasks of dead workers the owner of {@code queue} has put back on the queue
     * ({@link OnWorkerDeath#REQUEUE}).
     *
     * @throws IllegalArgumentException if {@code queue} was not made by a factory in this process
     * @deprecated use {@link JoinableQueue#tasksRequeued()}, which also works in attached processes
     */
    @Deprecated
    public static long tasksRequeued(JoinableQueue<?> queue) {
        return Queues.tasksRequeued(queue);
    }

    /**
     * Describes the configuration, never the authkey:
     * {@code QueueFactory[serializer=kryo, typePolicy=..., authkey=random per JVM, maxFrameLength=67108864,
     * socketDirectory=/tmp/mp4j-123, onWorkerDeath=REQUEUE]}; {@code authkey=set} when one was given.
     */
    @Override
    public String toString() {
        return "QueueFactory[serializer=" + options.serializer().name() + ", typePolicy=" + options.typePolicy()
                + ", authkey=" + (options.hasAuthkey() ? "set" : "random per JVM") + ", maxFrameLength="
                + options.maxFrameLength() + ", socketDirectory="
                + (options.socketDirectory() == null ? "private" : options.socketDirectory())
                + ", onWorkerDeath=" + onWorkerDeath
                + (backend == null ? "" : ", backend=" + backend) + "]";
    }

    /** Builds a {@link QueueFactory}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private final ConnectionOptions.Builder options = ConnectionOptions.builder();
        private OnWorkerDeath onWorkerDeath = OnWorkerDeath.REQUEUE;
        private QueueBackendProvider backend;

        private Builder() {
        }

        /** Encodes items and pipe messages with this serializer. */
        public Builder serializer(Serializer serializer) {
            options.serializer(serializer);
            return this;
        }

        /**
         * Uses the installed serializer with this name, e.g. {@code "kryo"}.
         *
         * @throws IllegalArgumentException if none of that name is installed (naming those that are)
         */
        public Builder serializer(String name) {
            options.serializer(name);
            return this;
        }

        /** Decodes only the types this policy allows (in every process that uses the queues). */
        public Builder typePolicy(TypePolicy typePolicy) {
            options.typePolicy(typePolicy);
            return this;
        }

        /**
         * Authenticates the factory's listeners and clients with this key (null: none set). Processes attach queues
         * and handed-over pipe ends through this JVM's one attach service instead, whose key is 32 random bytes
         * that travel inside their handles, whatever key is set here.
         */
        public Builder authkey(byte[] authkey) {
            options.authkey(authkey);
            return this;
        }

        /**
         * Refuses frames (an encoded item plus 5 bytes) longer than this.
         *
         * @throws IllegalArgumentException if negative or beyond the largest Java array
         */
        public Builder maxFrameLength(long maxFrameLength) {
            options.maxFrameLength(maxFrameLength);
            return this;
        }

        /**
         * Creates the queues' per-process session pages (and the factory's listener sockets) in this directory;
         * the attach service that other processes attach the queues through listens in the default private
         * directory. It must be owner-only (mode 0700, owned by this user,
         * not a symbolic link): a process that receives one of these queues refuses a socket directory that others
         * can open ({@link io.github.mp4j.HandleRefusedException}), and, unless the directory is named
         * {@code mp4j-*}, accepts it only in its start arguments or where its own factory names the same directory.
         */
        public Builder socketDirectory(Path socketDirectory) {
            options.socketDirectory(socketDirectory);
            return this;
        }

        /**
         * Lets pipe ends and queues that arrive inside items of this factory's queues, or on its pipes, attach
         * over TCP (off by default: they attach only to Unix sockets in an mp4j private directory of this user,
         * and a handle naming a TCP address is refused with {@link io.github.mp4j.HandleRefusedException} before
         * anything connects). Only for peers trusted to name hosts this process may connect to.
         */
        public Builder attachHandlesOverTcp(boolean allow) {
            options.attachHandlesOverTcp(allow);
            return this;
        }

        /**
         * What carries the sessions of processes that attach this factory's queues (same host): by default
         * ({@link Transport#AUTO}) shared-memory rings, with the Unix socket beside them as liveness channel;
         * {@link Transport#SOCKET} keeps every session on its socket; {@link Transport#SHARED_MEMORY} fails an
         * attach whose rings cannot be set up instead of falling back. The queue's owner decides for its sessions.
         */
        public Builder transport(Transport transport) {
            options.transport(transport);
            return this;
        }

        /** What joinable queues do with the unfinished tasks of a worker process that died; default REQUEUE. */
        public Builder onWorkerDeath(OnWorkerDeath policy) {
            this.onWorkerDeath = Objects.requireNonNull(policy, "onWorkerDeath");
            return this;
        }

        /**
         * Keeps the queues this factory makes in {@code backend} (e.g. a Redis server, for queues that span hosts)
         * instead of in this process; null: in this process (the default). Pipes are not affected.
         */
        public Builder backend(QueueBackendProvider backend) {
            this.backend = backend;
            return this;
        }

        /**
         * The factory.
         *
         * @throws IllegalStateException if no serializer was given and none is installed
         */
        public QueueFactory build() {
            options.serializer(options.build().serializer()); // pins the default now, so build() reports its absence
            return new QueueFactory(options.build(), onWorkerDeath, backend);
        }
    }
}
