package io.github.mp4j.pipe.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one idiom "clear the interrupt, do the I/O, restore the interrupt", for I/O that must not be abandoned
 * half-way because the calling thread was interrupted: a frame that has started to leave has to leave whole, and
 * an interrupted {@code java.nio} channel would be closed under every other user of the connection.
 *
 * <p>The thread's interrupt status is cleared before {@code action} runs and set again afterwards when it was set
 * before or became set during the action, so the caller still sees the interrupt at its next blocking point.
 */
public final class Uninterruptibles {
    /** An I/O action that returns a value. */
    @FunctionalInterface
    public interface IoCall<T> {
        /** Runs the action. */
        T call() throws IOException;
    }

    /** An I/O action without a result. */
    @FunctionalInterface
    public interface IoRun {
        /** Runs the action. */
        void run() throws IOException;
    }

    private Uninterruptibles() {
    }

    /** Runs {@code action} with the interrupt status cleared, then restores it; returns the action's value. */
    public static <T> T call(IoCall<T> action) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return action.call();
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code action} with the interrupt status cleared, then restores it. */
    public static void run(IoRun action) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            action.run();
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Takes {@code lock} for an I/O call, interruptibly: an interrupted wait keeps the interrupt status and becomes
     * {@link InterruptedIOException} {@code "interrupted while waiting to <what>"}, as blocking I/O reports it.
     */
    public static void lockForIo(ReentrantLock lock, String what) throws InterruptedIOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to " + what);
        }
    }
}
