package io.github.mp4j.benchmarks;

import io.github.mp4j.benchmarks.internal.Spawner;
import io.github.mp4j.pipe.internal.BigEndian;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.SocketFiles;
import io.github.mp4j.pipe.internal.ring.RingDescriptor;
import io.github.mp4j.pipe.internal.ring.RingEnd;
import io.github.mp4j.pipe.internal.ring.RingSink;
import io.github.mp4j.pipe.internal.ring.RingSource;
import io.github.mp4j.pipe.internal.ring.SharedRingFile;
import io.github.mp4j.pipe.internal.ring.SpinPolicy;
import io.github.mp4j.process.JvmProcess;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The raw shared-memory ring row of DESIGN §5: ~100-byte frames (4-byte length + 100 bytes, no serializer) from
 * this JVM to a child JVM through {@code io.github.mp4j.pipe.internal.ring}, one {@code write} per frame as a
 * send does, the child walking the frames out of 64 KiB reads; and a 100-byte ping-pong round trip with the
 * default spin policy (spinning) and with parking at once (doorbell through the Unix socket). Each figure is the
 * best of {@code --repeats} timed passes after one untimed warm-up pass on the same connection.
 *
 * <pre>mvn -B -q -pl benchmarks exec:exec -Dbench=RawRing -Dbench.args="--frames 5000000 --repeats 3"</pre>
 */
public final class RawRing {
    private static final int PAYLOAD = 100;
    private static final int CAPACITY = RingDescriptor.DEFAULT_CAPACITY;

    private RawRing() {
    }

    public static void main(String[] args) throws Exception {
        int frames = intArg(args, "--frames", 5_000_000);
        int trips = intArg(args, "--trips", 200_000);
        int repeats = intArg(args, "--repeats", 3);
        double fps = 0;
        for (double s : run("oneway", frames, repeats, SpinPolicy.defaults())) {
            fps = Math.max(fps, frames / s);
        }
        System.out.printf("raw ring one-way, %d-byte frames: %.2fM frames/s (bar >= 5M)%n", PAYLOAD, fps / 1e6);
        report("raw ring round trip, spinning (default SpinPolicy)", trips, run("pingpong", trips, repeats,
                SpinPolicy.defaults()));
        int parkedTrips = Math.max(1, trips / 20);
        report("raw ring round trip, parked (doorbell every time)", parkedTrips, run("pingpong", parkedTrips,
                repeats, SpinPolicy.PARK_AT_ONCE));
    }

    private static void report(String what, int trips, double[] seconds) {
        double best = Double.MAX_VALUE;
        for (double s : seconds) {
            best = Math.min(best, s);
        }
        System.out.printf("%s: %.2f us%n", what, best / trips * 1e6);
    }

    /** Runs {@code 1 + repeats} passes of {@code mode} against one child; returns the timed passes' seconds. */
    private static double[] run(String mode, int count, int repeats, SpinPolicy spin) throws Exception {
        Path dir = SocketFiles.privateDirectory();
        Path socketPath = SocketFiles.newSocketPath(dir, "rawring");
        SharedRingFile file = SharedRingFile.create(dir, CAPACITY);
        JvmProcess child;
        RingEnd end;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            child = new Spawner(List.of()).start("raw-ring", RawRing::child, socketPath.toString(),
                    file.path().toString(), mode, count, 1 + repeats, spin.spinNanos(), spin.yieldNanos());
            SocketChannel socket = server.accept();
            end = RingEnd.of(file, socket, spin);
        } finally {
            SocketFiles.remove(socketPath);
            file.unlink();
        }
        double[] seconds = new double[repeats];
        byte[] frame = new byte[4 + PAYLOAD];
        BigEndian.putInt(frame, 0, PAYLOAD);
        byte[] answer = new byte[4 + PAYLOAD];
        for (int pass = 0; pass <= repeats; pass++) {
            long t0 = System.nanoTime();
            if (mode.equals("oneway")) {
                for (int i = 0; i < count; i++) {
                    end.sink().write(frame, 0, frame.length, Deadline.NONE);
                }
                readFully(end.source(), answer, 8);
                if (BigEndian.getLong(answer, 0) != count) {
                    throw new IOException("child counted " + BigEndian.getLong(answer, 0) + " frames of " + count);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    end.sink().write(frame, 0, frame.length, Deadline.NONE);
                    readFully(end.source(), answer, answer.length);
                }
            }
            if (pass > 0) {
                seconds[pass - 1] = (System.nanoTime() - t0) / 1e9;
            }
        }
        end.close();
        child.join(Duration.ofMinutes(1));
        return seconds;
    }

    /**
     * The child: args {@code (socketPath, ringPath, mode, count, passes, spinNanos, yieldNanos)}. {@code oneway}
     * walks {@code count} frames per pass out of 64 KiB reads and answers their count (8 bytes);
     * {@code pingpong} echoes {@code count} frames per pass.
     */
    static void child(Object... args) throws Exception {
        SharedRingFile file = SharedRingFile.open(Path.of((String) args[1]), CAPACITY);
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of((String) args[0]));
        String mode = (String) args[2];
        int count = (Integer) args[3];
        int passes = (Integer) args[4];
        try (RingEnd end = RingEnd.of(file, socket, new SpinPolicy((Long) args[5], (Long) args[6]))) {
            byte[] buf = new byte[64 * 1024];
            for (int pass = 0; pass < passes; pass++) {
                if (mode.equals("oneway")) {
                    long n = walkFrames(end.source(), buf, count);
                    byte[] reply = new byte[8];
                    BigEndian.putLong(reply, 0, n);
                    end.sink().write(reply, 0, 8, Deadline.NONE);
                } else {
                    for (int i = 0; i < count; i++) {
                        readFully(end.source(), buf, 4 + PAYLOAD);
                        end.sink().write(buf, 0, 4 + PAYLOAD, Deadline.NONE);
                    }
                }
            }
        }
    }

    /** Reads and walks {@code frames} length-prefixed frames (no copy out, no decode); returns how many. */
    private static long walkFrames(RingSource source, byte[] buf, long frames) throws IOException {
        long count = 0;
        int have = 0;
        while (count < frames) {
            int n = source.read(buf, have, buf.length - have, Deadline.NONE);
            if (n < 0) {
                throw new IOException("ring ended after " + count + " of " + frames + " frames");
            }
            have += n;
            int pos = 0;
            while (have - pos >= 4) {
                int len = BigEndian.getInt(buf, pos);
                if (len < 0 || len > buf.length - 4) {
                    throw new IOException("frame length " + len + " after " + count + " frames");
                }
                if (have - pos < 4 + len) {
                    break;
                }
                pos += 4 + len;
                count++;
            }
            System.arraycopy(buf, pos, buf, 0, have - pos);
            have -= pos;
        }
        return count;
    }

    private static void readFully(RingSource source, byte[] dst, int length) throws IOException {
        int pos = 0;
        while (pos < length) {
            int n = source.read(dst, pos, length - pos, Deadline.NONE);
            if (n < 0) {
                throw new IOException("ring ended after " + pos + " of " + length + " bytes");
            }
            pos += n;
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
