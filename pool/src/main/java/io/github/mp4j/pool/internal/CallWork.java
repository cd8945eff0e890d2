package io.github.mp4j.pool.internal;

import java.util.concurrent.Callable;

/** One {@code submit}/{@code apply} task: a serializable callable. */
public final class CallWork implements Work {
    private static final long serialVersionUID = 1L;

    private final Callable<?> callable;

    public CallWork(Callable<?> callable) {
        this.callable = callable;
    }

    @Override
    public Object run() throws Exception {
        return callable.call();
    }
}
