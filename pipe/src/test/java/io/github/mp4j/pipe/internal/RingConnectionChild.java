package io.github.mp4j.pipe.internal;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Transport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The other JVM of {@link RingConnectionTwoJvmTest}: connects to the Unix socket {@code args[0]}, joins the rings
 * ({@link RingSetup#join}, shared memory required), prints {@code RINGS <transport>}, then plays {@code args[1]}:
 * <ul>
 *   <li>{@code big F S B}: sends F frames of S bytes, prints {@code SENDING}, then sends a frame of B bytes (larger
 *       than the ring, so it blocks until the parent reads or kills this process);</li>
 *   <li>{@code hold}: reads nothing; prints {@code HOLDING} and waits to be killed.</li>
 * </ul>
 */
public final class RingConnectionChild {
    private RingConnectionChild() {
    }

    public static void main(String[] args) throws Exception {
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(args[0]));
        AbstractConnection c = RingSetup.join(new SocketConnection(socket, ConnectionOptions.defaults(), true, true),
                Transport.SHARED_MEMORY, Deadline.after(Duration.ofSeconds(30)));
        System.out.println("RINGS " + c.transportName());
        switch (args[1]) {
            case "big" -> {
                int frames = Integer.parseInt(args[2]);
                int size = Integer.parseInt(args[3]);
                for (int i = 0; i < frames; i++) {
                    c.sendBytes(RingConnectionTwoJvmTest.payload(size, i));
                }
                System.out.println("SENDING");
                c.sendBytes(RingConnectionTwoJvmTest.payload(Integer.parseInt(args[4]), frames));
                System.out.println("SENT");
            }
            case "hold" -> System.out.println("HOLDING");
            default -> throw new IllegalArgumentException("unknown mode " + args[1]);
        }
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
