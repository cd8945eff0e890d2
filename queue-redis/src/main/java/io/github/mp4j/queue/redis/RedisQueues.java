package io.github.mp4j.queue.redis;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.SimpleQueue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.queue.QueueFactory;
import io.github.mp4j.queue.internal.QueueBackend;
import io.github.mp4j.queue.internal.Queues;
import io.github.mp4j.queue.internal.share.QueueKind;
import io.github.mp4j.queue.internal.share.SimpleQueueView;
import io.github.mp4j.queue.redis.internal.Attachments;
import io.github.mp4j.queue.redis.internal.QueueOpener;
import io.github.mp4j.queue.redis.internal.RedisLink;
import io.github.mp4j.queue.redis.internal.RedisQueue;
import io.github.mp4j.queue.redis.internal.share.RedisQueueHandle;
import io.github.mp4j.queue.spi.QueueBackendProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Queues kept in a Redis server, shared by processes on any number of hosts: plug it into a factory and use the
 * same {@link Queue}, {@link SimpleQueue} and {@link JoinableQueue} calls.
 *
 * <pre>{@code
 * RedisQueues redis = RedisQueues.connect("redis://queues.example:6379/0");
 * QueueFactory mp = QueueFactory.builder().serializer("json").backend(redis).build();
 * Queue<Order> orders = redis.queue(mp, "orders", 1000);     // by name, from any host
 * JoinableQueue<Task> tasks = mp.joinableQueue();            // a new queue with a random name
 * new JvmProcess(Worker::run, tasks).start();                // the child must connect a RedisQueues too
 * }</pre>
 *
 * <p><b>Delivery.</b> A get moves the head item into this process's in-flight list in Redis (making sure this
 * process has a lease entry in the same step), decodes it, and only then removes it (a queue) or keeps it as one of this
 * process's unfinished tasks (a joinable queue, until {@code taskDone()}); the script that removes or keeps it also
 * takes up to {@link Builder#prefetch(int)} items ahead into the in-flight list, so a process that keeps getting
 * pays one round trip per item. A put of an unbounded {@code Queue} or {@code SimpleQueue} is one {@code RPUSH},
 * which carries the items of every thread of this process that put while the previous one was on the wire; bounded
 * and joinable puts are one script each. A put returns once Redis holds its item, never before, unless
 * {@link Builder#backgroundPuts(boolean)} is on. This process holds a lease on each queue it used, renewed every third of the lease by a
 * daemon thread; when a lease expires (process killed, host lost, Redis unreachable from it), any live process
 * using the queue puts the expired taker's in-flight items back at the head in their order, and its unfinished
 * tasks back too ({@link io.github.mp4j.queue.OnWorkerDeath#REQUEUE}, they may run twice) or counts them as done,
 * as the factory that created the queue said. One script does this and removes the lease, so each expiry puts
 * items back once. A get whose lease expired while it decoded and whose item another taker got since does not
 * return it. {@link #close()} gives back at once what this process holds.
 *
 * <p><b>Counts.</b> {@code qsize()} is exact: items put and not yet returned by a get, that is waiting items plus
 * items in flight (taken by a get that has not returned yet, or taken ahead by a process's gets), as for queues
 * owned by a process; a joinable queue's taken and unfinished tasks do not count.
 * {@code maxsize} is checked against the same number in the script that appends, so it holds across hosts.
 *
 * <p><b>Handles.</b> A Redis queue passed to another process carries its server, name, kind, bound and serializer
 * name, never a password or a type policy. It attaches only in a process that opened a {@code RedisQueues} to the
 * same server ({@code redis://host:port/db}) with {@link Builder#acceptHandles(boolean)} on (the default), using
 * that process's credentials and {@link Builder#handleTypePolicy(TypePolicy) type policy}; until then its
 * operations throw {@link io.github.mp4j.QueueBrokenException}.
 *
 * <p><b>Failures.</b> When Redis cannot be reached, an operation retries connecting for
 * {@link Builder#retry(Duration)} (default none) and then throws {@link io.github.mp4j.QueueBrokenException}; a
 * blocking get or put re-issues its blocking command at least every 2 s, so a lost server is noticed within a
 * few seconds and never past the caller's timeout by more than the connection timeout. A value in the queue that
 * the serializer cannot decode fails that get with {@link io.github.mp4j.DecodeException} and is removed; nothing
 * else is lost. Needs Redis 6.2 or later, one server (not Redis Cluster: the lease scripts reach other takers' keys
 * without declaring them, and one connection pool talks to one server; the README says more).
 */
public final class RedisQueues implements QueueBackendProvider, AutoCloseable {
    private final RedisLink link;
    private final QueueOpener opener;
    private final TypePolicy handlePolicy;
    private final Attachments.Attacher attacher;

    private RedisQueues(Builder b) {
        this.link = new RedisLink(b.uri, b.lease, b.retry, b.timeout, b.poolSize, b.prefetch, b.prefetchIdle,
                b.backgroundPuts);
        this.opener = new QueueOpener(link);
        this.handlePolicy = b.handlePolicy;
        this.attacher = b.acceptHandles ? this::attach : null;
        if (attacher != null) {
            Attachments.register(link.server(), attacher);
        }
    }

    /**
     * Connects with the defaults ({@link Builder}).
     *
     * @param uri {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
     */
    public static RedisQueues connect(String uri) {
        return builder(uri).build();
    }

    /** A builder for the server at {@code uri} ({@code redis://} or {@code rediss://}). */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /** The server, {@code redis://host:port/db}, without credentials. */
    public String server() {
        return link.server();
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(QueueFactory factory) {
        return simpleQueue(factory, QueueOpener.newName());
    }

    @Override
    public <T> Queue<T> queue(QueueFactory factory, int maxsize) {
        return queue(factory, QueueOpener.newName(), maxsize);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(QueueFactory factory, int maxsize) {
        return joinableQueue(factory, QueueOpener.newName(), maxsize);
    }

    /**
     * The {@link SimpleQueue} called {@code name} in this server, created if absent.
     *
     * @throws IllegalStateException if a queue of that name exists with another kind, bound or serializer
     * @throws IllegalArgumentException if the name is empty, longer than 200 characters, or has braces or blanks
     */
    @SuppressWarnings("unchecked")
    public <T> SimpleQueue<T> simpleQueue(QueueFactory factory, String name) {
        return (SimpleQueue<T>) open(factory, name, QueueKind.SIMPLE, 0);
    }

    /** The {@link Queue} called {@code name}, created with this bound if absent; see {@link #simpleQueue}. */
    @SuppressWarnings("unchecked")
    public <T> Queue<T> queue(QueueFactory factory, String name, int maxsize) {
        return (Queue<T>) open(factory, name, QueueKind.QUEUE, maxsize);
    }

    /** The {@link JoinableQueue} called {@code name}, created if absent; see {@link #simpleQueue}. */
    @SuppressWarnings("unchecked")
    public <T> JoinableQueue<T> joinableQueue(QueueFactory factory, String name, int maxsize) {
        return (JoinableQueue<T>) open(factory, name, QueueKind.JOINABLE, maxsize);
    }

    /** The name in Redis of a queue made through a {@code RedisQueues}. */
    public static String nameOf(SimpleQueue<?> queue) {
        if (queue instanceof SimpleQueueView && ((SimpleQueueView<?>) queue).backend() instanceof RedisQueue) {
            return ((RedisQueue) ((SimpleQueueView<?>) queue).backend()).name();
        }
        throw new IllegalArgumentException(queue + " is not a Redis queue made in this process");
    }

    /** Deletes queue {@code name} and everything in it; returns how many keys it had. */
    public long delete(String name) {
        return opener.delete(name);
    }

    /** How many unfinished tasks of takers whose lease expired went back to joinable queue {@code name}. */
    public long tasksRequeued(String name) {
        return opener.counter(name, "tasksRequeued");
    }

    /** How many unfinished tasks of takers whose lease expired were counted as done in queue {@code name}. */
    public long tasksCountedAsDone(String name) {
        return opener.counter(name, "tasksCountedAsDone");
    }

    private SimpleQueue<?> open(QueueFactory factory, String name, QueueKind kind, int maxsize) {
        Objects.requireNonNull(factory, "factory");
        RedisQueue q = opener.open(name, kind, maxsize, factory.connectionOptions().serializer(),
                factory.connectionOptions().typePolicy(), factory.onWorkerDeath());
        return Queues.view(q, kind);
    }

    private QueueBackend attach(RedisQueueHandle h) {
        QueueFactory receiver = QueueFactory.builder().serializer(h.serializer()).typePolicy(handlePolicy).build();
        return opener.open(h.name(), h.kind(), h.maxsize(), receiver.connectionOptions().serializer(),
                handlePolicy, receiver.onWorkerDeath());
    }

    /**
     * Stops accepting handles, gives back what this process holds (in-flight items return to their queues,
     * unfinished joinable tasks follow each queue's policy) and closes the connections. Queues made here fail
     * afterwards. Idempotent.
     */
    @Override
    public void close() {
        if (attacher != null) {
            Attachments.unregister(link.server(), attacher);
        }
        link.close();
    }

    @Override
    public String toString() {
        return "RedisQueues[" + link.server() + "]";
    }

    /** Configures a {@link RedisQueues}. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private Duration lease = Duration.ofSeconds(10);
        private Duration retry = Duration.ZERO;
        private Duration timeout = Duration.ofSeconds(2);
        private int poolSize = 64;
        private int prefetch = 16;
        private Duration prefetchIdle = Duration.ofMillis(20);
        private boolean acceptHandles = true;
        private boolean backgroundPuts;
        private TypePolicy handlePolicy = TypePolicy.defaults();

        private Builder(String uri) {
            URI u = URI.create(Objects.requireNonNull(uri, "uri"));
            if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
                throw new IllegalArgumentException("a Redis URI starts with redis:// or rediss://, got '"
                        + RedisLink.describe(u) + "'");
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException("a Redis URI needs a host, got '" + RedisLink.describe(u) + "'");
            }
            this.uri = u;
        }

        /**
         * How long this process's taken items stay its own without a renewal (default 10 s; renewed every third).
         * Shorter: a dead taker's items come back sooner; a pause longer than this (GC, network) lets them go.
         */
        public Builder lease(Duration lease) {
            if (lease.toMillis() < 150) {
                throw new IllegalArgumentException("lease must be at least 150 ms, got " + lease);
            }
            this.lease = lease;
            return this;
        }

        /** How long an operation keeps trying to connect to an unreachable server (default 0: fail at once). */
        public Builder retry(Duration retry) {
            this.retry = retry.isNegative() ? Duration.ZERO : retry;
            return this;
        }

        /** Connect and read timeout of non-blocking commands (default 2 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Most connections at once (default 64); each get or put that waits holds one while it waits. */
        public Builder poolSize(int poolSize) {
            if (poolSize < 2) {
                throw new IllegalArgumentException("poolSize must be at least 2, got " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * How many items a get may take ahead, per queue and process (default 16; 0 takes none ahead). Items are
         * taken ahead only by a get that ends another, in the same round trip, so a process that keeps getting
         * pays one round trip per item. Items taken ahead are in this process's in-flight list: they count in
         * {@code qsize()} and {@code maxsize}, other processes' gets do not see them, and they go back to the head
         * of the queue after {@link #prefetchIdle(Duration)} without a get, when the queue is closed, or when this
         * process dies (at its lease's expiry, once: no get returned them). Items another process gets while
         * these are given back overtake them, so one producer's order per consumer holds only without give-backs.
         */
        public Builder prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must be 0 or more, got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /**
         * How long items taken ahead stay with a process whose gets stopped (default 20 ms) before they go back to
         * the head of the queue for other processes.
         */
        public Builder prefetchIdle(Duration idle) {
            if (idle.toMillis() < 1) {
                throw new IllegalArgumentException("prefetchIdle must be at least 1 ms, got " + idle);
            }
            this.prefetchIdle = idle;
            return this;
        }

        /**
         * Whether puts of unbounded {@code Queue}s and {@code SimpleQueue}s return before their item is in Redis
         * (default false: a put returns once Redis holds its item). On, a put works as Python's
         * {@code multiprocessing.Queue.put}, which hands its item to a feeder thread: it returns once the item is
         * encoded and waiting in this process (at most 4,096 items wait; a put beyond waits for the sender), and a
         * feeder thread sends everything waiting as one {@code RPUSH}, again and again, so one thread putting in a
         * loop pays one round trip per batch instead of per item. One thread's puts keep their order. This
         * process's own {@code get}, {@code qsize} and {@code close} of the queue first wait until its puts are in
         * Redis, so it sees its own puts; another process may see a put that returned here only a round trip later
         * (Python documents the same delay). What waits in this process is lost if it is killed or its host fails
         * before the feeder sent it; a command that fails loses the items it carried, and the queue's next put,
         * get, qsize or close throws {@link io.github.mp4j.QueueBrokenException} saying how many, once.
         * {@link RedisQueues#close()} sends what waits first, and so does a shutdown hook when the JVM exits without
         * closing it (Python joins its feeder thread at exit); {@code kill -9} loses what waits. Bounded and joinable queues are not affected: their
         * puts check the bound or count the task in Redis, one script per put that returns once it ran.
         */
        public Builder backgroundPuts(boolean backgroundPuts) {
            this.backgroundPuts = backgroundPuts;
            return this;
        }

        /** Whether queue handles for this server received by this process attach through it (default true). */
        public Builder acceptHandles(boolean acceptHandles) {
            this.acceptHandles = acceptHandles;
            return this;
        }

        /** The type policy queues received as handles decode with (default {@link TypePolicy#defaults()}). */
        public Builder handleTypePolicy(TypePolicy policy) {
            this.handlePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Connects lazily: the first operation opens the first connection. */
        public RedisQueues build() {
            return new RedisQueues(this);
        }
    }
}
