package io.github.mp4j.pool.internal;

import io.github.mp4j.pool.RemoteTaskException;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwable as plain strings, so it crosses back to the parent under any serializer and policy: per exception of
 * the cause chain (at most {@value #MAX_DEPTH}) its class name, message, frame count, then four strings per frame.
 */
final class RemoteErrors {
    static final int MAX_DEPTH = 16;

    private RemoteErrors() {
    }

    static String[] flatten(Throwable error) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            out.add(t.getClass().getName());
            out.add(t.getMessage());
            StackTraceElement[] stack = t.getStackTrace();
            out.add(Integer.toString(stack.length));
            for (StackTraceElement e : stack) {
                out.add(e.getClassName());
                out.add(e.getMethodName());
                out.add(e.getFileName());
                out.add(Integer.toString(e.getLineNumber()));
            }
        }
        return out.toArray(new String[0]);
    }

    /** The chain back as {@link RemoteTaskException}s naming {@code worker}. */
    static RemoteTaskException rebuild(Object flat, String worker) {
        if (!(flat instanceof Object[])) {
            return new RemoteTaskException("unknown", "the worker sent an unreadable error: " + flat, worker,
                    new StackTraceElement[0], null);
        }
        Object[] parts = (Object[]) flat;
        return rebuild(parts, 0, worker);
    }

    private static RemoteTaskException rebuild(Object[] parts, int at, String worker) {
        String type = (String) parts[at];
        String message = (String) parts[at + 1];
        int frames = Integer.parseInt((String) parts[at + 2]);
        StackTraceElement[] stack = new StackTraceElement[frames];
        int p = at + 3;
        for (int i = 0; i < frames; i++, p += 4) {
            stack[i] = new StackTraceElement((String) parts[p], (String) parts[p + 1], (String) parts[p + 2],
                    Integer.parseInt((String) parts[p + 3]));
        }
        RemoteTaskException cause = p < parts.length ? rebuild(parts, p, worker) : null;
        return new RemoteTaskException(type, message, worker, stack, cause);
    }
}
