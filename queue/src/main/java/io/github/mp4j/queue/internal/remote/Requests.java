package io.github.mp4j.queue.internal.remote;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.queue.internal.Wire;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests an attached process sends the owner over one {@link OwnerLink}, and their replies: request ids, the
 * replies filed by whichever thread reads the connection, and the waits for them (plain, uninterruptible, or
 * cancelled on timeout and interrupt with a {@link Wire#CANCEL} that settles the outcome).
 *
 * <p>Lock contract: every method whose name ends in {@code Locked} runs with the link's {@link OwnerLink#lock} held
 * (the queue's lock); the ids and the replies map are guarded by it. A wait releases the lock while it reads the
 * connection or waits for the reading thread ({@link OwnerLink#readOrWaitLocked}) and while it sends
 * ({@link OwnerLink#sendUnlocked}), and holds it again on return.
 */
final class Requests {
    /** A reply's status and value. */
    record Reply(byte status, long value) {
    }

    private final OwnerLink link;
    private final ReentrantLock lock;

    // guarded by lock
    private int nextId;
    private final Map<Integer, Reply> replies = new HashMap<>();

    /** The requests over {@code link}; made by the link, which files the replies it reads here. */
    Requests(OwnerLink link) {
        this.link = link;
        this.lock = link.lock;
    }

    int newId() {
        lock.lock();
        try {
            return newIdLocked();
        } finally {
            lock.unlock();
        }
    }

    /** A request id, never 0 (0 marks messages that expect no reply). */
    int newIdLocked() {
        int id = ++nextId;
        if (id == 0) {
            id = ++nextId;
        }
        return id;
    }

    /** Sends the body-less request {@code op} with a new id and waits for its reply, uninterruptibly (lock held). */
    Reply askLocked(byte op) {
        int id = newIdLocked();
        link.sendUnlocked(Wire.message(op, id));
        return awaitReplyUninterruptiblyLocked(id);
    }

    /**
     * Waits until {@code deadline} for the reply to request {@code id}; on timeout or interrupt cancels it and
     * returns the definitive answer. An interrupted request that completed anyway returns OK with the interrupt
     * status set.
     *
     * @throws InterruptedException if interrupted and the request was cancelled
     */
    Reply awaitOrCancelLocked(int id, long deadline) throws InterruptedException {
        Reply reply;
        try {
            reply = awaitReplyLocked(id, deadline, true);
        } catch (InterruptedException e) {
            reply = cancelRequestLocked(id);
            if (reply.status() != Wire.OK) {
                throw e;
            }
            Thread.currentThread().interrupt();
        }
        return reply != null ? reply : cancelRequestLocked(id);
    }

    /** Cancels request {@code id} and returns the definitive answer: OK (it completed first) or CANCELLED. */
    private Reply cancelRequestLocked(int id) {
        link.sendUnlocked(Wire.message(Wire.CANCEL, id));
        return awaitReplyUninterruptiblyLocked(id);
    }

    /**
     * Waits for the reply to request {@code id}, reading messages in turn with other threads.
     *
     * @return the reply, or null if {@code deadline} passed first
     */
    private Reply awaitReplyLocked(int id, long deadline, boolean interruptible) throws InterruptedException {
        boolean interrupted = false;
        try {
            for (;;) {
                Reply reply = replies.remove(id);
                if (reply != null) {
                    return reply;
                }
                link.checkUsableLocked();
                if (Deadline.passed(deadline)) {
                    return null;
                }
                try {
                    link.readOrWaitLocked(deadline);
                } catch (InterruptedException e) {
                    if (interruptible) {
                        throw e;
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the reply to request {@code id}, ignoring interrupts until it returns (lock held). */
    Reply awaitReplyUninterruptiblyLocked(int id) {
        try {
            return awaitReplyLocked(id, Deadline.NONE, false);
        } catch (InterruptedException e) {
            throw new AssertionError("uninterruptible wait was interrupted", e);
        }
    }

    /**
     * Files the {@link Wire#REPLY} held in {@code f[offset, offset + length)} under its request id, for the thread
     * waiting on it (lock held; called by the thread that read it).
     *
     * @throws ProtocolException if the reply is malformed
     */
    void fileReplyLocked(byte[] f, int offset, int length) throws ProtocolException {
        byte status = Wire.replyStatus(f, offset, length);
        replies.put(Wire.arg(f, offset), new Reply(status, Wire.replyValue(f, offset)));
    }
}
