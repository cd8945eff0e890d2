package com.example.modular;

import io.github.mp4j.Queue;
import io.github.mp4j.process.ProcessTarget;

/** The child: answers one {@link Point} with the next one, then says which modules it runs in. */
public final class Echo implements ProcessTarget {
    /** Made in the child from its class name. */
    public Echo() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run(Object... args) throws InterruptedException {
        Queue<Object> requests = (Queue<Object>) args[0];
        Queue<Object> answers = (Queue<Object>) args[1];
        Point p = (Point) requests.get();
        answers.put(new Point(p.x() + 1, p.y() + 1));
        answers.put(Main.modules());
    }
}
