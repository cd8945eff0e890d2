/**
 * mp4j pipe: length-prefixed frames over Unix-domain and TCP sockets, wire-compatible with CPython's
 * {@code multiprocessing.connection}: {@link io.github.mp4j.pipe.Pipe}, {@link io.github.mp4j.pipe.Listener},
 * {@link io.github.mp4j.pipe.Client} and {@link io.github.mp4j.pipe.Connections#wait}.
 */
module io.github.mp4j.pipe {
    requires jdk.jfr;
    requires transitive io.github.mp4j;

    exports io.github.mp4j.pipe;
    // The internal toolkit (Deadline, DaemonThreads, Uninterruptibles, BigEndian, RateLimitedLog) for mp4j's own modules.
    exports io.github.mp4j.pipe.internal to io.github.mp4j.process, io.github.mp4j.queue, io.github.mp4j.queue.redis,
            io.github.mp4j.pool;
    // The one attach service per JVM: queues offer themselves on it and their handles attach through it.
    exports io.github.mp4j.pipe.internal.attach to io.github.mp4j.queue, io.github.mp4j.process;
}
