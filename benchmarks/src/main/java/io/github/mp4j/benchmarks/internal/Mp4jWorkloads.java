package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The workloads of {@code py_mp_bench.py} with mp4j, in the same shape: the parent makes the pipe or queue,
 * starts the children, and times from the first send to the last acknowledgement, exactly the span the Python
 * script times. Each method returns seconds.
 */
public final class Mp4jWorkloads {
    private final QueueFactory data;
    private final QueueFactory control;
    private final IntFunction<Object> item;
    private final Spawner spawner;

    /**
     * @param data the factory under test (its serializer encodes the items)
     * @param control the factory of the ready/done signals (never timed per item)
     * @param item makes item {@code i}, as the Python script's {@code rec(i)}
     * @param spawner starts the child JVMs
     */
    public Mp4jWorkloads(QueueFactory data, QueueFactory control, IntFunction<Object> item, Spawner spawner) {
        this.data = data;
        this.control = control;
        this.item = item;
        this.spawner = spawner;
    }

    /** {@code pipe_throughput}: {@code n} sends of a small record over a simplex pipe to one child. */
    public double pipeOneWay(int n) throws IOException, InterruptedException {
        try (Pipe pipe = data.pipe(false); Pipe ctl = control.pipe(false)) {
            JvmProcess p = spawner.start("pipe-sink", Children::pipeSink, pipe.first(), n, ctl.second());
            Connection w = pipe.second();
            Connection done = ctl.first();
            done.recv();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                w.send(item.apply(i));
            }
            done.recv();
            double dt = Stats.secondsSince(t);
            Spawner.joinAll(List.of(p));
            return dt;
        }
    }

    /** {@code pipe_pingpong}: {@code m} round trips of one record through an echoing child; total seconds. */
    public double pipePingPong(int m) throws IOException, InterruptedException {
        try (Pipe pipe = data.pipe(true); Pipe ctl = control.pipe(false)) {
            JvmProcess p = spawner.start("echo", Children::echo, pipe.second(), m, ctl.second());
            Connection a = pipe.first();
            ctl.first().recv();
            Object x = item.apply(1);
            long t = System.nanoTime();
            for (int i = 0; i < m; i++) {
                a.send(x);
                a.recv();
            }
            double dt = Stats.secondsSince(t);
            Spawner.joinAll(List.of(p));
            return dt;
        }
    }

    /** {@code queue_throughput}: {@code n} puts into a queue drained by {@code consumers} child processes. */
    public double queueThroughput(int n, int consumers) throws InterruptedException {
        Queue<Object> q = data.queue();
        Queue<Boolean> ready = control.queue();
        Queue<Boolean> done = control.queue();
        try {
            int share = n / consumers;
            List<JvmProcess> ps = spawner.startAll(consumers, "q-sink", Children::queueSink, q, share, ready, done);
            for (int i = 0; i < consumers; i++) {
                ready.get();
            }
            long t = System.nanoTime();
            for (int i = 0; i < share * consumers; i++) {
                q.put(item.apply(i));
            }
            for (int i = 0; i < consumers; i++) {
                done.get();
            }
            double dt = Stats.secondsSince(t);
            Spawner.joinAll(ps);
            return dt;
        } finally {
            q.close();
            ready.close();
            done.close();
        }
    }

    /** {@code joinable}: {@code n} tasks through a joinable queue to {@code workers} processes, then join(). */
    public double joinable(int n, int workers) throws InterruptedException {
        JoinableQueue<Object> q = data.joinableQueue();
        Queue<Boolean> ready = control.queue();
        try {
            List<JvmProcess> ps = spawner.startAll(workers, "jq-worker", Children::joinableWorker, q, ready);
            for (int i = 0; i < workers; i++) {
                ready.get();
            }
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                q.put(item.apply(i));
            }
            q.join();
            double dt = Stats.secondsSince(t);
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
            JvmProcess p = spawner.start("big-sink", Children::bigSink, pipe.first(), k, ctl.second());
            Connection w = pipe.second();
            Connection done = ctl.first();
            done.recv();
            byte[] buf = new byte[size];
            new Random(42).nextBytes(buf);
            long t = System.nanoTime();
            for (int i = 0; i < k; i++) {
                w.sendBytes(buf);
            }
            long total = done.recv(Long.class);
            double dt = Stats.secondsSince(t);
            Spawner.joinAll(List.of(p));
            if (total != (long) k * size) {
                throw new IllegalStateException("big sink received " + total + " bytes, expected " + (long) k * size);
            }
            return dt;
        }
    }
}
