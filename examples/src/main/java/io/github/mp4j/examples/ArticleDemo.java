package io.github.mp4j.examples;

import static io.github.mp4j.examples.Log.log;
import static io.github.mp4j.examples.Log.seg;

import io.github.mp4j.Connection;
import io.github.mp4j.Queue;
import io.github.mp4j.pipe.Pipe;
import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.queue.QueueFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The two programs of the article, in Java: a parent JVM talks to a child JVM through a {@link Queue}, then
 * through a {@link Pipe}. The child prints what it receives and ends on {@code "quit"}; the parent checks that the
 * child is gone.
 *
 * <pre>{@code
 * def _test_queue(q):                      static void queueChild(Object... args) {
 *     while True:                              Queue<String> q = (Queue<String>) args[0];
 *         msg = q.get()                        for (;;) { String msg = q.get();
 *         if msg == 'quit': break                  if (msg.equals("quit")) break;
 *         else: log(f'recv: {msg}')                log("recv: " + msg); }
 * }</pre>
 */
public final class ArticleDemo {
    private static final List<String> CMDS = List.of("helloworld", "testmsg", "quit");
    private static final Duration PAUSE = Duration.ofMillis(500);

    private ArticleDemo() {
    }

    /** Runs the queue demo, then the pipe demo. Exits non-zero if a child is still alive at the end. */
    public static void main(String[] args) throws Exception {
        QueueFactory mp = QueueFactory.defaults();
        testQueue(mp);
        testPipe(mp);
    }

    static void testQueue(QueueFactory mp) throws Exception {
        seg("test queue start");
        Queue<String> q = mp.queue();
        JvmProcess p = new JvmProcess(ArticleDemo::queueChild, q);
        p.start();
        for (String cmd : CMDS) {
            log("send: " + cmd);
            q.put(cmd);
            Thread.sleep(PAUSE.toMillis());
        }
        p.join(Duration.ofSeconds(30));
        check(p);
        seg("test queue end");
    }

    static void testPipe(QueueFactory mp) throws Exception {
        seg("test pipe start");
        try (Pipe pipe = mp.pipe(true)) {
            Connection r = pipe.first();
            Connection w = pipe.second();
            JvmProcess p = new JvmProcess(ArticleDemo::pipeChild, r);
            p.start();
            for (String cmd : CMDS) {
                log("send: " + cmd);
                w.send(cmd);
                Thread.sleep(PAUSE.toMillis());
            }
            p.join(Duration.ofSeconds(30));
            check(p);
        }
        seg("test pipe end");
    }

    @SuppressWarnings("unchecked")
    static void queueChild(Object... args) throws InterruptedException {
        Queue<String> q = (Queue<String>) args[0];
        for (;;) {
            String msg = q.get();
            if (msg.equals("quit")) {
                break;
            }
            log("recv: " + msg);
        }
        log("child process end~");
    }

    static void pipeChild(Object... args) throws IOException {
        Connection r = (Connection) args[0];
        for (;;) {
            Object msg = r.recv();
            if ("quit".equals(msg)) {
                break;
            }
            log("recv: " + msg);
        }
        log("child process end~");
    }

    private static void check(JvmProcess p) {
        if (p.isAlive()) {
            p.kill();
            throw new IllegalStateException(p.name() + " is still alive after 'quit'");
        }
        log(p.name() + " alive=" + p.isAlive() + " exitCode=" + p.exitCode().orElse(-1));
    }
}
