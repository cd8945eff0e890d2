package io.github.mp4j.pipe.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Child of {@link FdExhaustionTest}, run under a low descriptor limit: an echo server on a Unix {@link Listener}
 * with an authkey. Commands: {@code HOG} opens files until descriptors run out, {@code FAILURES} answers how many
 * accepts failed and the milliseconds since {@code HOG}, {@code FREE} closes the hogged files.
 */
public final class FdExhaustionChild {
    static final byte[] KEY = "fd-key".getBytes(StandardCharsets.UTF_8);
    private static final List<FileChannel> HOGS = new ArrayList<>();
    private static long hoggedAt;

    private FdExhaustionChild() {
    }

    public static void main(String[] args) throws Exception {
        Listener listener = Listener.bind(ConnectionOptions.builder().authkey(KEY).build(), args[0]);
        Field f = Listener.class.getDeclaredField("acceptor");
        f.setAccessible(true);
        AuthenticatingAcceptor acceptor = (AuthenticatingAcceptor) f.get(listener);
        Thread server = new Thread(() -> {
            for (;;) {
                try {
                    Connection c = listener.accept();
                    Thread t = new Thread(() -> echo(c), "conn");
                    t.start();
                } catch (Throwable e) {
                    System.out.println("ACCEPT FAILED " + e);
                    return;
                }
            }
        }, "server");
        server.start();
        answer("FAILURES", acceptor); // loads the command path before descriptors run out
        System.out.println("READY " + listener.address());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            answer(line, acceptor);
        }
    }

    private static void answer(String command, AuthenticatingAcceptor acceptor) {
        switch (command) {
            case "HOG" -> {
                hoggedAt = System.nanoTime();
                try {
                    for (;;) {
                        HOGS.add(FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ));
                    }
                } catch (IOException e) {
                    System.out.println("HOGGED " + HOGS.size() + " " + e.getMessage());
                }
            }
            case "FREE" -> {
                for (FileChannel c : HOGS) {
                    try {
                        c.close();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                HOGS.clear();
                System.out.println("FREED");
            }
            case "FAILURES" -> System.out.println("FAILURES " + acceptor.acceptFailures() + " "
                    + (hoggedAt == 0 ? 0 : (System.nanoTime() - hoggedAt) / 1_000_000));
            default -> System.out.println("UNKNOWN " + command);
        }
    }

    private static void echo(Connection c) {
        try (c) {
            c.sendBytes(c.recvBytes());
        } catch (Exception e) {
            // peer gone
        }
    }
}
