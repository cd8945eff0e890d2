package io.github.mp4j.pipe.internal.ring;

import io.github.mp4j.pipe.internal.Deadline;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The other JVM of {@link SharedRingTwoJvmTest}: connects to {@code args[0]}, opens the ring file {@code args[1]}
 * of capacity {@code args[2]}, prints {@code MAPPED}, then plays {@code args[3]}:
 * <ul>
 *   <li>{@code echo}: copies every byte read back into its sink until end-of-stream, then closes its sink;</li>
 *   <li>{@code readframe}: reads one frame, prints {@code GOT <length> <hash>};</li>
 *   <li>{@code hold}: reads nothing until the line {@code drain}, then reads to end-of-stream, prints {@code READ n};</li>
 *   <li>{@code sender}: on each line {@code send N} writes a frame of N bytes and prints {@code SENT};</li>
 *   <li>{@code partial F S}: writes F frames of S bytes, then a header of S and half the payload, prints
 *       {@code PARTIAL} and waits to be killed.</li>
 * </ul>
 */
public final class RingChild {
    private RingChild() {
    }

    public static void main(String[] args) throws Exception {
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(args[0]));
        SharedRingFile file = SharedRingFile.open(Path.of(args[1]), Integer.parseInt(args[2]));
        RingEnd end = RingEnd.of(file, socket, SpinPolicy.defaults());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("MAPPED");
        switch (args[3]) {
            case "echo" -> {
                byte[] buf = new byte[8192];
                int n;
                while ((n = end.source().read(buf, 0, buf.length, Deadline.NONE)) >= 0) {
                    end.sink().write(buf, 0, n, Deadline.NONE);
                }
                end.sink().close();
                System.out.println("ECHOED");
            }
            case "readframe" -> {
                byte[] frame = RingFrames.read(end.source());
                System.out.println("GOT " + frame.length + " " + Arrays.hashCode(frame));
            }
            case "hold" -> {
                expectLine(in, "drain");
                byte[] buf = new byte[8192];
                long total = 0;
                int n;
                while ((n = end.source().read(buf, 0, buf.length, Deadline.NONE)) >= 0) {
                    total += n;
                }
                System.out.println("READ " + total);
            }
            case "sender" -> {
                String line;
                while ((line = in.readLine()) != null) {
                    int size = Integer.parseInt(line.substring("send ".length()));
                    RingFrames.write(end.sink(), RingFrames.payload(size, size));
                    System.out.println("SENT");
                }
            }
            case "partial" -> {
                int frames = Integer.parseInt(args[4]);
                int size = Integer.parseInt(args[5]);
                for (int i = 0; i < frames; i++) {
                    RingFrames.write(end.sink(), RingFrames.payload(size, i));
                }
                byte[] last = RingFrames.payload(size, frames);
                byte[] header = {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
                end.sink().write(header, 0, 4, Deadline.NONE);
                end.sink().write(last, 0, size / 2, Deadline.NONE);
                System.out.println("PARTIAL");
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[3]);
        }
        System.out.flush();
        in.readLine(); // stay alive (and keep the socket open) until the parent closes our stdin or kills us
    }

    private static void expectLine(BufferedReader in, String expected) throws java.io.IOException {
        String line = in.readLine();
        if (!expected.equals(line)) {
            throw new IllegalStateException("expected the line " + expected + ", got " + line);
        }
    }
}
