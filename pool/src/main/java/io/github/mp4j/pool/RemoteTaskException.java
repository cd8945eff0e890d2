package io.github.mp4j.pool;

/**
 * An exception a task threw in a worker JVM, re-raised in the parent: its message is the remote
 * {@code toString()} followed by the worker's name and pid, and its stack trace is the remote one, ending with a
 * frame that names the worker ({@code at mp4j.worker.JvmPool-1-worker-2 pid 4242}). The remote cause chain
 * comes back as a chain of {@code RemoteTaskException}s. The original exception object is not sent: its class
 * need not be allowed by the pool's {@link io.github.mp4j.TypePolicy}; {@link #remoteClassName()} names it.
 */
public class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The pseudo class name of the last stack frame, which names the worker. */
    public static final String WORKER_FRAME_CLASS = "mp4j.worker";

    private final String remoteClassName;
    private final String remoteMessage;
    private final String worker;

    /**
     * @param remoteClassName the class of the exception thrown in the worker
     * @param remoteMessage its message, or null
     * @param worker the worker's name and pid, e.g. {@code "JvmPool-1-worker-2, pid 4242"}
     * @param remoteStack the worker's stack trace of it
     * @param cause the remote cause, or null
     */
    public RemoteTaskException(String remoteClassName, String remoteMessage, String worker,
            StackTraceElement[] remoteStack, RemoteTaskException cause) {
        super((remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage)
                + " [in worker " + worker + "]", cause, true, true);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.worker = worker;
        StackTraceElement[] stack = java.util.Arrays.copyOf(remoteStack, remoteStack.length + 1);
        stack[remoteStack.length] = new StackTraceElement(WORKER_FRAME_CLASS, worker.replace(", ", " "), null, -1);
        setStackTrace(stack);
    }

    /** The binary class name of the exception thrown in the worker, e.g. {@code java.lang.IllegalStateException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** The remote exception's own message, or null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The worker's name and pid, e.g. {@code "JvmPool-1-worker-2, pid 4242"}. */
    public String worker() {
        return worker;
    }
}
