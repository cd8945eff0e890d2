package io.github.mp4j.examples;

import static io.github.mp4j.examples.Log.log;
import static io.github.mp4j.examples.Log.seg;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pool of worker JVMs fed by a {@link JoinableQueue}: Python's
 *
 * <pre>{@code
 * def worker(tasks, results):              static void worker(Object... args) {
 *     while True:                              for (;;) {
 *         n = tasks.get()                          int n = tasks.get();
 *         if n is None: break                      if (n == STOP) { tasks.taskDone(); break; }
 *         results.put((n, n * n))                  results.put(new int[] {n, n * n});
 *         tasks.task_done()                        tasks.taskDone(); }
 * }</pre>
 *
 * <p>The parent starts the workers, puts the tasks, waits in {@code join()} until every task is done, collects the
 * results, then puts one {@code STOP} per worker and joins the workers.
 *
 * <p><b>Results are keyed by task id.</b> A worker that dies after {@code results.put} but before
 * {@code taskDone()} has its task requeued and run again by another worker, so a task can have two results on the
 * queue. The parent therefore reads results until it has one per task id (a second one for the same id is the
 * same value and changes nothing) instead of reading exactly one result per task.
 *
 * <p><b>Stop signals go in after {@code join()}.</b> A {@code STOP} is a task like any other: {@code join()} waits
 * until it is taken and marked done. Put one per worker <em>before</em> {@code join()} and a worker that dies takes
 * none (its tasks are requeued), so one {@code STOP} is never taken and {@code join()} never returns. After
 * {@code join()}, every real task is done and each living worker takes one {@code STOP}. Run with
 * {@code mvn -B -q -pl examples exec:exec -Ddemo=WorkerPoolDemo}; the first program argument sets the number of
 * workers (default 3).
 */
public final class WorkerPoolDemo {
    /** The sentinel that tells a worker to stop (Python's {@code None}). */
    static final int STOP = -1;
    private static final int TASKS = 12;
    private static final Duration WORK = Duration.ofMillis(300);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private WorkerPoolDemo() {
    }

    /**
     * Runs the pool with {@code args[0]} workers (default 3) on {@value #TASKS} tasks.
     *
     * @param args optionally the number of workers
     * @throws Exception if a worker fails or does not end
     */
    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        run(QueueFactory.defaults(), workers, TASKS);
    }

    /** Runs {@code taskCount} tasks on {@code workers} worker JVMs; returns the squares by task. */
    static Map<Integer, Integer> run(QueueFactory mp, int workers, int taskCount) throws Exception {
        seg("worker pool start");
        JoinableQueue<Integer> tasks = mp.joinableQueue("tasks");
        Queue<int[]> results = mp.queue("results");
        List<JvmProcess> pool = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            JvmProcess p = JvmProcess.builder(WorkerPoolDemo::worker).args(tasks, results).name("worker-" + i)
                    .build();
            p.start();
            pool.add(p);
        }
        for (int n = 1; n <= taskCount; n++) {
            tasks.put(n);
        }
        log("put " + taskCount + " tasks; waiting in join()");
        tasks.join();
        log("join() returned: every task is done");
        // One result per task id; a task re-run after its worker died may have left a second, equal one.
        Map<Integer, Integer> squares = new TreeMap<>();
        while (squares.size() < taskCount) {
            int[] result = results.get();
            squares.put(result[0], result[1]);
        }
        log("results: " + squares);
        // Stop signals are tasks too: only now, with every real task done, is one per worker sure to be taken.
        for (int i = 0; i < workers; i++) {
            tasks.put(STOP);
        }
        for (JvmProcess p : pool) {
            if (!p.join(JOIN_TIMEOUT)) {
                p.kill();
                throw new IllegalStateException(p.name() + " did not stop within " + JOIN_TIMEOUT);
            }
            log(p.name() + " exitCode=" + p.exitCode().orElse(-1));
        }
        seg("worker pool end");
        return squares;
    }

    @SuppressWarnings("unchecked")
    static void worker(Object... args) throws InterruptedException {
        JoinableQueue<Integer> tasks = (JoinableQueue<Integer>) args[0];
        Queue<int[]> results = (Queue<int[]>) args[1];
        String name = JvmProcess.currentProcess().name();
        int done = 0;
        for (;;) {
            int n = tasks.get();
            if (n == STOP) {
                tasks.taskDone();
                break;
            }
            Thread.sleep(WORK.toMillis()); // the "work": long enough for every worker to get some tasks
            results.put(new int[] {n, n * n});
            tasks.taskDone();
            done++;
        }
        log(name + " stops after " + done + " tasks");
    }
}
