package io.github.mp4j.pipe.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Listener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child of {@link HeaderOnlyFramesTest}: an echo server on a Unix {@link Listener} (no authkey, default 64 MiB
 * maximum frame), one thread per connection. Commands: {@code BLOCKED} answers how many connection threads wait
 * inside a frame for more bytes.
 */
public final class HeaderOnlyChild {
    private static final List<Thread> CONNECTIONS = new ArrayList<>();

    private HeaderOnlyChild() {
    }

    public static void main(String[] args) throws Exception {
        Listener listener = Listener.bind(args[0], (byte[]) null);
        Thread acceptor = new Thread(() -> {
            try {
                for (;;) {
                    Connection c = listener.accept();
                    Thread t = new Thread(() -> echo(c), "conn");
                    synchronized (CONNECTIONS) {
                        CONNECTIONS.add(t);
                    }
                    t.start();
                }
            } catch (Exception e) {
                System.out.println("ACCEPT FAILED " + e);
            }
        });
        acceptor.start();
        System.out.println("READY " + listener.address());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("BLOCKED")) {
                System.out.println("BLOCKED " + blockedInFrame());
            }
        }
    }

    private static void echo(Connection c) {
        try (c) {
            for (;;) {
                c.sendBytes(c.recvBytes());
            }
        } catch (Exception e) {
            // peer gone
        }
    }

    private static int blockedInFrame() {
        synchronized (CONNECTIONS) {
            return (int) CONNECTIONS.stream().filter(t -> Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("readSome"))).count();
        }
    }
}
