package io.github.mp4j.queue.bench;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick throughput run (not a unit test) of the workloads of shared/bench/py_mp_bench.py: the parent owns the
 * queue and produces; consumers are child JVMs. Usage: {@code QueueThroughput [serializer] [scale]}. Prints
 * {@code RESULT <name> <value> <unit>} lines like the Python script.
 */
public final class QueueThroughput {
    private QueueThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String serializer = args.length > 0 ? args[0] : "kryo";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        QueueFactory f = QueueFactory.builder().serializer(serializer)
                .typePolicy(TypePolicy.defaults().allowClasses(Rec.class)).build();
        int n = (int) (200_000 * scale);
        int j = (int) (100_000 * scale);
        for (int round = 0; round < 2; round++) {
            String tag = round == 0 ? "warmup_" : "";
            result(tag + "queue_1p1c", n / queueThroughput(f, n, 1), "msg/s");
            result(tag + "queue_1p2c", n / queueThroughput(f, n, 2), "msg/s");
            result(tag + "joinable_1p2w", j / joinable(f, j, 2), "task/s");
        }
        System.exit(0);
    }

    private static double queueThroughput(QueueFactory f, int n, int consumers) throws Exception {
        Queue<Rec> q = f.queue();
        Queue<Boolean> done = f.queue();
        int share = n / consumers;
        List<JvmProcess> ps = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            ps.add(new JvmProcess(QueueThroughput::sink, q, share, done));
        }
        ps.forEach(JvmProcess::start);
        done.put(true);
        for (int i = 0; i < consumers; i++) {
            q.put(null);
        }
        for (int i = 0; i < consumers; i++) {
            done.get();
        }
        long t = System.nanoTime();
        for (int i = 0; i < share * consumers; i++) {
            q.put(Rec.of(i));
        }
        for (int i = 0; i < consumers; i++) {
            done.get();
        }
        double dt = (System.nanoTime() - t) / 1e9;
        for (JvmProcess p : ps) {
            p.join();
        }
        return dt;
    }

    /** Consumer: reads one null (start signal), reports ready, then gets {@code share} items and reports done. */
    @SuppressWarnings("unchecked")
    static void sink(Object... args) throws Exception {
        Queue<Rec> q = (Queue<Rec>) args[0];
        int share = (Integer) args[1];
        Queue<Boolean> done = (Queue<Boolean>) args[2];
        q.get();
        done.put(true);
        for (int i = 0; i < share; i++) {
            q.get();
        }
        if (Boolean.getBoolean("bench.close")) {
            q.close();
        }
        done.put(true);
    }

    private static double joinable(QueueFactory f, int n, int workers) throws Exception {
        JoinableQueue<Rec> q = f.joinableQueue();
        List<JvmProcess> ps = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ps.add(new JvmProcess(QueueThroughput::worker, q));
        }
        ps.forEach(JvmProcess::start);
        for (int i = 0; i < workers; i++) {
            q.put(Rec.of(-1));
        }
        q.join();
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            q.put(Rec.of(i));
        }
        q.join();
        double dt = (System.nanoTime() - t) / 1e9;
        for (int i = 0; i < workers; i++) {
            q.put(null);
        }
        for (JvmProcess p : ps) {
            p.join();
        }
        return dt;
    }

    @SuppressWarnings("unchecked")
    static void worker(Object... args) throws Exception {
        JoinableQueue<Rec> q = (JoinableQueue<Rec>) args[0];
        for (;;) {
            Rec r = q.get();
            q.taskDone();
            if (r == null) {
                return;
            }
        }
    }

    private static void result(String name, double value, String unit) {
        System.out.printf("RESULT %s %.1f %s%n", name, value, unit);
    }
}
