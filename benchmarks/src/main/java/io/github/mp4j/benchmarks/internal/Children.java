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
 * child runs within a millisecond of {@code start()}; a JVM needs a few hundred). Each runs its loop
 * {@code passes} times on the same connections and queues (1 normally; 2 with {@code --warm-children}, the parent
 * timing only the last) and acknowledges every pass as the script acknowledges its one.
 */
public final class Children {
    private Children() {
    }

    /** {@code _pipe_sink}: args {@code (Connection r, int n, Connection ctl, int passes)}; done after each pass. */
    static void pipeSink(Object... args) throws IOException {
        Connection r = (Connection) args[0];
        int n = (Integer) args[1];
        Connection ctl = (Connection) args[2];
        int passes = (Integer) args[3];
        r.poll();
        ctl.send(Boolean.TRUE);
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                r.recv();
            }
            ctl.send(Boolean.TRUE);
        }
    }

    /**
     * {@code _echo}: args {@code (Connection c, int n, Connection ctl, int passes)}; sends back every object it
     * receives, {@code n} per pass.
     */
    static void echo(Object... args) throws IOException {
        Connection c = (Connection) args[0];
        int n = (Integer) args[1];
        Connection ctl = (Connection) args[2];
        int passes = (Integer) args[3];
        c.poll();
        ctl.send(Boolean.TRUE);
        for (long i = (long) n * passes; i > 0; i--) {
            c.send(c.recv());
        }
    }

    /**
     * {@code _q_sink}: args {@code (int share, Queue ready, Queue done, Queue... perPass)}: takes {@code share}
     * items from each pass's queue in turn and says done after each. It closes the queue of a pass it finished
     * unless that was the last (then its exit does), so that items prefetched beyond its share return to the
     * queue for the other consumers, as when a consumer of the fresh-children mode exits.
     */
    @SuppressWarnings("unchecked")
    static void queueSink(Object... args) throws InterruptedException {
        int share = (Integer) args[0];
        Queue<Boolean> ready = (Queue<Boolean>) args[1];
        Queue<Boolean> done = (Queue<Boolean>) args[2];
        int passes = args.length - 3;
        for (int p = 0; p < passes; p++) {
            ((Queue<?>) args[3 + p]).qsize();
        }
        ready.put(Boolean.TRUE);
        for (int p = 0; p < passes; p++) {
            Queue<?> q = (Queue<?>) args[3 + p];
            for (int i = 0; i < share; i++) {
                q.get();
            }
            if (p + 1 < passes) {
                q.close();
            }
            done.put(Boolean.TRUE);
        }
    }

    /** {@code _jq_worker}: args {@code (JoinableQueue q, Queue ready)}; serves every pass, ends on a null item. */
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

    /**
     * {@code _big_sink}: args {@code (Connection r, int k, Connection ctl, int passes)}; answers the byte total of
     * each pass.
     */
    static void bigSink(Object... args) throws IOException {
        Connection r = (Connection) args[0];
        int k = (Integer) args[1];
        Connection ctl = (Connection) args[2];
        int passes = (Integer) args[3];
        r.poll();
        ctl.send(Boolean.TRUE);
        for (int p = 0; p < passes; p++) {
            long total = 0;
            for (int i = 0; i < k; i++) {
                total += r.recvBytes().length;
            }
            ctl.send(total);
        }
    }

    /**
     * The raw-socket reader of {@link RawSocketBaseline#bandwidth}: args {@code (String socketPath, long bytes,
     * int bufferSize, int passes)}. Per pass, reads {@code bytes} into one reused heap buffer and answers the total.
     */
    static void rawSink(Object... args) throws IOException {
        long bytes = (Long) args[1];
        ByteBuffer buf = ByteBuffer.allocate((Integer) args[2]);
        rawServe(args, ch -> {
            long total = 0;
            while (total < bytes) {
                buf.clear();
                total += rawRead(ch, buf, total, bytes);
            }
            return total;
        });
    }

    /**
     * The raw-socket reader of {@link RawSocketBaseline#smallFrames}: args {@code (String socketPath, long frames,
     * int bufferSize, int passes)}. Per pass, reads with one reused buffer, walks {@code frames} length-prefixed
     * frames (no copy, no decode) and answers their count.
     */
    static void rawFrameSink(Object... args) throws IOException {
        long frames = (Long) args[1];
        ByteBuffer buf = ByteBuffer.allocate((Integer) args[2]);
        rawServe(args, ch -> {
            long count = 0;
            buf.clear();
            while (count < frames) {
                rawRead(ch, buf, count, frames);
                buf.flip();
                while (buf.remaining() >= Integer.BYTES) {
                    int len = buf.getInt(buf.position());
                    if (len < 0 || len > buf.capacity() - Integer.BYTES) {
                        throw new IOException("frame length " + len + " after " + count
                                + " frames does not fit the buffer of " + buf.capacity() + " bytes");
                    }
                    if (buf.remaining() < Integer.BYTES + len) {
                        break;
                    }
                    buf.position(buf.position() + Integer.BYTES + len);
                    count++;
                }
                buf.compact();
            }
            return count;
        });
    }

    /** What a raw reader does in one pass: reads from the channel and returns the count it answers. */
    @FunctionalInterface
    private interface RawPass {
        long read(SocketChannel ch) throws IOException;
    }

    /** Connects to {@code args[0]}, then {@code args[3]} times runs {@code pass} and writes its count back. */
    private static void rawServe(Object[] args, RawPass pass) throws IOException {
        int passes = (Integer) args[3];
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of((String) args[0]));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            for (int i = 0; i < passes; i++) {
                out.writeLong(pass.read(ch));
                out.flush();
            }
        }
    }

    /** One {@code read} into {@code buf}; its byte count, or an IOException at end of stream. */
    private static int rawRead(SocketChannel ch, ByteBuffer buf, long done, long expected) throws IOException {
        int n = ch.read(buf);
        if (n < 0) {
            throw new IOException("raw socket closed after " + done + " of " + expected);
        }
        return n;
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
