package io.github.mp4j.benchmarks.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * What the child JVMs of the benchmarks run: the bodies of the Python script's {@code _pipe_sink}, {@code _echo},
 * {@code _q_sink}, {@code _jq_worker} and {@code _big_sink}. Each first attaches to what it was handed and says
 * so on its {@code ready} channel, so the parent starts its timer only once the child runs (a forked Python
 * child runs within a millisecond of {@code start()}; a JVM needs a few hundred).
 */
public final class Children {
    private Children() {
    }

    /** {@code _pipe_sink}: args {@code (Connection r, int n, Connection ctl)}. */
    static void pipeSink(Object... args) throws IOException {
        Connection r = (Connection) args[0];
        int n = (Integer) args[1];
        Connection ctl = (Connection) args[2];
        r.poll();
        ctl.send(Boolean.TRUE);
        for (int i = 0; i < n; i++) {
            r.recv();
        }
        ctl.send(Boolean.TRUE);
    }

    /** {@code _echo}: args {@code (Connection c, int n, Connection ctl)}; sends back every object it receives. */
    static void echo(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        int n = (Integer) args[1];
        Connection ctl = (Connection) args[2];
        c.poll();
        ctl.send(Boolean.TRUE);
        for (int i = 0; i < n; i++) {
            c.send(c.recv());
        }
    }

    /** {@code _q_sink}: args {@code (Queue q, int share, Queue ready, Queue done)}. */
    @SuppressWarnings("unchecked")
    static void queueSink(Object... args) throws InterruptedException {
        Queue<Object> q = (Queue<Object>) args[0];
        int share = (Integer) args[1];
        Queue<Boolean> ready = (Queue<Boolean>) args[2];
        Queue<Boolean> done = (Queue<Boolean>) args[3];
        q.qsize();
        ready.put(Boolean.TRUE);
        for (int i = 0; i < share; i++) {
            q.get();
        }
        done.put(Boolean.TRUE);
    }

    /** {@code _jq_worker}: args {@code (JoinableQueue q, Queue ready)}; ends on a null item. */
    @SuppressWarnings("unchecked")
    static void joinableWorker(Object... args) throws InterruptedException {
        JoinableQueue<Object> q = (JoinableQueue<Object>) args[0];
        Queue<Boolean> ready = (Queue<Boolean>) args[1];
        q.qsize();
        ready.put(Boolean.TRUE);
        for (;;) {
            Object x = q.get();
            q.taskDone();
            if (x == null) {
                return;
            }
        }
    }

    /** {@code _big_sink}: args {@code (Connection r, int k, Connection ctl)}; answers the byte total. */
    static void bigSink(Object... args) throws IOException {
        Connection r = (Connection) args[0];
        int k = (Integer) args[1];
        Connection ctl = (Connection) args[2];
        r.poll();
        ctl.send(Boolean.TRUE);
        long total = 0;
        for (int i = 0; i < k; i++) {
            total += r.recvBytes().length;
        }
        ctl.send(total);
    }

    /**
     * The raw-socket reader: args {@code (String socketPath, long bytes, int bufferSize)}. Connects, reads
     * {@code bytes} into one reused heap buffer, then writes the total back as 8 bytes.
     */
    static void rawSink(Object... args) throws IOException {
        String path = (String) args[0];
        long bytes = (Long) args[1];
        int size = (Integer) args[2];
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ByteBuffer buf = ByteBuffer.allocate(size);
            long total = 0;
            while (total < bytes) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    throw new IOException("raw socket closed after " + total + " of " + bytes + " bytes");
                }
                total += n;
            }
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeLong(total);
            out.flush();
        }
    }

    /** Start latency: args {@code (Queue q)}; puts one message as soon as it runs. */
    @SuppressWarnings("unchecked")
    static void hello(Object... args) throws InterruptedException {
        ((Queue<String>) args[0]).put("up");
    }

    /** Start latency over a pipe: args {@code (Connection c)}; sends one message as soon as it runs. */
    static void helloPipe(Object... args) throws IOException {
        ((Connection) args[0]).send("up");
    }
}
