package io.github.mp4j.queue;

import io.github.mp4j.process.JvmProcess;
import io.github.mp4j.process.ProcessTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The child JVMs one test starts: each one's stderr goes to a file in a log directory; all are closed at the end. */
final class ChildJvms {
    private final List<JvmProcess> children = new ArrayList<>();
    private final Path logs;

    ChildJvms(Path logs) {
        this.logs = logs;
    }

    /** Starts a child running {@code target} with {@code args}, its stderr to {@code child<n>.err}. */
    JvmProcess start(ProcessTarget target, Object... args) {
        JvmProcess p = JvmProcess.builder(target).args(args)
                .redirectError(ProcessBuilder.Redirect.to(logs.resolve("child" + children.size() + ".err").toFile()))
                .build();
        children.add(p);
        p.start();
        return p;
    }

    /** Closes every child started (ending those still alive). */
    void closeAll() {
        children.forEach(JvmProcess::close);
    }

    /** The integers {@code from} (inclusive) to {@code to} (exclusive), in order. */
    static List<Integer> range(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }
}
