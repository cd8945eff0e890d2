package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The workloads of {@code py_mp_bench.py} with mp4j, in the same shape: the parent makes the pipe or queue,
 * starts the children, and times from the first send to the last acknowledgement, exactly the span the Python
 * script times. Each method returns seconds. With {@code passes > 1} (the {@code --warm-children} mode) the
 * children run their loop that many times on the same pipe or queue, the parent runs the same loop before each
 * of them untimed, and only the last pass is timed: a warm child instead of a freshly started JVM.
 */
public final class Mp4jWorkloads {
    private final QueueFactory data;
    private final QueueFactory control;
    private final IntFunction<Object> item;
    private final Spawner spawner;
    private final int passes;

    /**
     * @param data the factory under test (its serializer encodes the items)
     * @param control the factory of the ready/done signals (never timed per item)
     * @param item makes item {@code i}, as the Python script's {@code rec(i)}
     * @param spawner starts the child JVMs
     * @param passes passes per workload on the same children; only the last is timed
     */
    public Mp4jWorkloads(QueueFactory data, QueueFactory control, IntFunction<Object> item, Spawner spawner,
                         int passes) {
        this.data = data;
        this.control = control;
        this.item = item;
        this.spawner = spawner;
        this.passes = passes;
    }

    /** One pass of the parent's side of a workload, from its first send to its last acknowledgement. */
    @FunctionalInterface
    private interface Pass {
        void run(int pass) throws IOException, InterruptedException;
    }

    /** Runs {@code pass} {@link #passes} times (numbered from 0) and returns the seconds of the last. */
    private double lastPass(Pass pass) throws IOException, InterruptedException {
        double dt = 0;
        for (int i = 0; i < passes; i++) {
            long t = System.nanoTime();
            pass.run(i);
            dt = Stats.secondsSince(t);
        }
        return dt;
    }

    /** {@code pipe_throughput}: {@code n} sends of a small record over a simplex pipe to one child. */
    public double pipeOneWay(int n) throws IOException, InterruptedException {
        try (Pipe pipe = data.pipe(false); Pipe ctl = control.pipe(false)) {
            JvmProcess p = spawner.start("pipe-sink", Children::pipeSink, pipe.first(), n, ctl.second(), passes);
            Connection w = pipe.second();
            Connection done = ctl.first();
            done.recv();
            double dt = lastPass(pass -> {
                for (int i = 0; i < n; i++) {
                    w.send(item.apply(i));
                }
                done.recv();
            });
            Spawner.joinAll(List.of(p));
            return dt;
        }
    }

    /** {@code pipe_pingpong}: {@code m} round trips of one record through an echoing child; total seconds. */
    public double pipePingPong(int m) throws IOException, InterruptedException {
        try (Pipe pipe = data.pipe(true); Pipe ctl = control.pipe(false)) {
            JvmProcess p = spawner.start("echo", Children::echo, pipe.second(), m, ctl.second(), passes);
            Connection a = pipe.first();
            ctl.first().recv();
            Object x = item.apply(1);
            double dt = lastPass(pass -> {
                for (int i = 0; i < m; i++) {
                    a.send(x);
                    a.recv();
                }
            });
            Spawner.joinAll(List.of(p));
            return dt;
        }
    }

    /**
     * {@code queue_throughput}: {@code n} puts into a queue drained by {@code consumers} child processes, each
     * taking {@code n / consumers}. Each pass has its own data queue (the children attach to all of them before
     * saying ready): a consumer may hold prefetched items beyond its share, which go back to the queue only when
     * its connection ends, so a consumer that stays for another pass must close the queue of the pass it finished
     * for the other consumer to get its share (see {@link Children#queueSink}).
     */
    public double queueThroughput(int n, int consumers) throws IOException, InterruptedException {
        return queueRun(n, consumers, item);
    }

    /** {@link #queueThroughput} with items made by {@code make}. */
    private double queueRun(int n, int consumers, IntFunction<Object> make) throws IOException,
            InterruptedException {
        List<Queue<Object>> qs = new ArrayList<>();
        Queue<Boolean> ready = control.queue();
        Queue<Boolean> done = control.queue();
        try {
            for (int i = 0; i < passes; i++) {
                qs.add(data.queue());
            }
            int share = n / consumers;
            Object[] args = new Object[3 + passes];
            args[0] = share;
            args[1] = ready;
            args[2] = done;
            for (int i = 0; i < passes; i++) {
                args[3 + i] = qs.get(i);
            }
            List<JvmProcess> ps = spawner.startAll(consumers, "q-sink", Children::queueSink, args);
            for (int i = 0; i < consumers; i++) {
                ready.get();
            }
            double dt = lastPass(pass -> {
                Queue<Object> q = qs.get(pass);
                for (int i = 0; i < share * consumers; i++) {
                    q.put(make.apply(i));
                }
                for (int i = 0; i < consumers; i++) {
                    done.get();
                }
            });
            Spawner.joinAll(ps);
            return dt;
        } finally {
            qs.forEach(Queue::close);
            ready.close();
            done.close();
        }
    }

    /** {@code joinable}: {@code n} tasks through a joinable queue to {@code workers} processes, then join(). */
    public double joinable(int n, int workers) throws IOException, InterruptedException {
        JoinableQueue<Object> q = data.joinableQueue();
        Queue<Boolean> ready = control.queue();
        try {
            List<JvmProcess> ps = spawner.startAll(workers, "jq-worker", Children::joinableWorker, q, ready);
            for (int i = 0; i < workers; i++) {
                ready.get();
            }
            double dt = lastPass(pass -> {
                for (int i = 0; i < n; i++) {
                    q.put(item.apply(i));
                }
                q.join();
            });
            for (int i = 0; i < workers; i++) {
                q.put(null);
            }
            Spawner.joinAll(ps);
            return dt;
        } finally {
            q.close();
            ready.close();
        }
    }

    /** {@code pipe_bandwidth}: {@code k} frames of {@code size} random bytes with sendBytes/recvBytes. */
    public double pipeBandwidth(int k, int size) throws IOException, InterruptedException {
        try (Pipe pipe = data.pipe(false); Pipe ctl = control.pipe(false)) {
            JvmProcess p = spawner.start("big-sink", Children::bigSink, pipe.first(), k, ctl.second(), passes);
            Connection w = pipe.second();
            Connection done = ctl.first();
            done.recv();
            byte[] buf = new byte[size];
            new Random(42).nextBytes(buf);
            double dt = lastPass(pass -> {
                for (int i = 0; i < k; i++) {
                    w.sendBytes(buf);
                }
                long total = done.recv(Long.class);
                if (total != (long) k * size) {
                    throw new IllegalStateException("big sink received " + total + " bytes, expected "
                            + (long) k * size);
                }
            });
            Spawner.joinAll(List.of(p));
            return dt;
        }
    }

    /**
     * Large items: {@code k} puts of {@code item} (about 1 MiB encoded) into a queue drained by one child, timed as
     * {@link #queueThroughput}; returns seconds. The same object is put each time: each put encodes it again, as a
     * program that builds a new chunk each time would.
     */
    public double queueLarge(int k, Object item) throws IOException, InterruptedException {
        return queueRun(k, 1, i -> item);
    }
}
