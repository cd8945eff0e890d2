/**
 * mp4j's worker pool: {@link io.github.mp4j.pool.JvmPool}, Python's {@code multiprocessing.Pool} and
 * {@code concurrent.futures.ProcessPoolExecutor} as a {@link java.util.concurrent.ExecutorService} over worker JVMs.
 *
 * <h2>How tasks travel (chosen by measurement)</h2>
 * <ul>
 *   <li><b>One duplex pipe per worker, not queues.</b> Each worker is joined to the parent by its own
 *       {@link io.github.mp4j.pipe.Pipe} (a shared-memory ring under {@code Transport.AUTO}); the parent's
 *       scheduler writes a task straight into the chosen worker's ring from the calling thread, and one reader thread
 *       per worker completes the futures. Per-worker pipes keep the failure model exact: the parent knows which tasks
 *       each worker holds (at most two: one running, one waiting), so a death fails or re-runs exactly those, and a
 *       cancel goes to the one worker that holds the task.</li>
 *   <li><b>A map's function travels once per worker, its elements with the pool's serializer.</b> The function is
 *       JDK-serialized once in the caller and sent to a worker before the first chunk it gets (again to a
 *       replacement worker); workers drop it when the map ends. Chunks carry only their elements: packed as plain
 *       numbers when all are Integer, all Long or all Double (results too), else encoded with the factory's
 *       serializer and decoded in the worker without a type policy, since the worker trusts its parent as it trusts
 *       the task code. Measured on the busy 2-core machine: JDK serialization of a chunk cost 0.15-1 us an element
 *       each way, Kryo 0.2-0.5 us (its per-element type checks), packing a few ns; a 100k-element map went from
 *       ~0.15M to ~0.3M task/s with the function sent once and Kryo chunks, and to 0.9-1.5M with packed values.
 *       Results come back one message per chunk, decoded under the factory's policy.</li>
 *   <li><b>Single tasks</b> ({@code submit}, {@code apply}) are JDK-serialized (lambdas need it). Their round trip
 *       is caller -> worker ring -> worker reader thread -> task thread -> parent ring -> reader thread -> caller:
 *       two ring crossings, two thread hand-offs. A leader/follower worker (the thread that reads a task runs it) was
 *       measured and dropped: on 2 busy cores its role swaps cost more than the hand-off it saves. The DESIGN bar
 *       (a quarter of CPython's ~260 us, ~65 us) lies below a bare pipe's own parked ring round trip (~95 us), so
 *       it needs waiters that spin; longer ring spins in the workers (100 us spin and yield) measured slower here
 *       (420-1545 us against 325-530 us with the defaults), as did parking at once.</li>
 * </ul>
 */
package io.github.mp4j.pool;
