package io.github.mp4j.queue.internal;

import io.github.mp4j.pipe.internal.FrameBuffer;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.BigEndian;
import java.nio.charset.StandardCharsets;

/**
 * The queue protocol spoken inside pipe frames between a queue's owner and an attached process.
 *
 * <p>Every message starts with a 5-byte header: one op byte and a big-endian int argument (a request id or a
 * count, by op). Messages that carry an item ({@link #PUT}, {@link #PUT_NOWAIT}, {@link #PUT_WAIT},
 * {@link #ITEM}) continue with the serializer's payload, so the owner can keep the received frame as the stored
 * item and forward it as an {@code ITEM} by rewriting the op byte: no copy.
 *
 * <p>Process to owner: {@code HELLO(queueId)} first; {@code PUT} (fire-and-forget, unbounded queues);
 * {@code PUT_NOWAIT(id)}, {@code PUT_WAIT(id)}; {@code CREDIT(n)}; {@code READ_PAGE};
 * {@code CANCEL_CREDITS(id)}; {@code CANCEL(id)} of a put or join request; {@code QSIZE(id)};
 * {@code TASK_DONE(id)}; {@code JOIN(id)};
 * {@code DECODE_FAILED(id) + UTF-8 text}; {@code TASK_COUNT(id) + one byte}. Owner to process: {@code PAGE + UTF-8 path} once, right after
 * HELLO; {@code ITEM}, {@code REPLY(id) + status byte + long value}, {@code UNFENCE(credits)}, and
 * {@code BATCH(count)} followed by {@code count} times an int length and a message of that length.
 *
 * <p>Items a process's gets returned and tasks it marked done are not messages: the process counts them in its
 * {@link SessionPage}. The owner reads those counters whenever it receives a message from that process, when it
 * needs exact counts, and when the connection ends. {@code READ_PAGE} only tells the owner to read them now.
 *
 * <p>When other getters wait on an empty queue while a process sits on items it prefetched, the owner takes them
 * back by fencing the process's page ({@link SessionPage#fence}) and then sends {@code UNFENCE}: every item that
 * arrived before it and was not claimed is void, and its argument is how many of the process's credits the owner
 * dropped at the fence.
 *
 * <p>Op numbers: process-to-owner requests are 1 to 13 without a gap; owner-to-process messages start at 20, so a
 * message sent the wrong way is never mistaken for a valid op. Both ends run the same mp4j version (DESIGN §3), so
 * the numbers are not a compatibility promise.
 */
public final class Wire {
    /** Bytes before an item's payload (and the size of every message without a body). */
    public static final int HEADER = 5;

    public static final byte HELLO = 1;
    public static final byte PUT = 2;
    public static final byte PUT_NOWAIT = 3;
    public static final byte PUT_WAIT = 4;
    public static final byte CREDIT = 5;
    /**
     * Process to owner: read my session page now (its counters changed and someone may be waiting on them). The
     * only message that carries nothing but that request; every other message from the process has the owner read
     * the page too.
     */
    public static final byte READ_PAGE = 6;
    public static final byte CANCEL_CREDITS = 7;
    public static final byte CANCEL = 8;
    public static final byte QSIZE = 9;
    /**
     * Process to owner: one {@code taskDone()} for a task this process did not take (so its page cannot count it);
     * the owner answers, with {@link #TOO_MANY_TASK_DONE} if no task is unfinished. Tasks the process took are
     * counted in its page instead.
     */
    public static final byte TASK_DONE = 10;
    public static final byte JOIN = 11;
    /**
     * Process to owner: a get of this process could not decode an item (request id; UTF-8 body: which type, why).
     * The process counted the item as returned and, for a joinable queue, its task as done in its page first; the
     * owner reads the page, counts and logs it, and replies OK.
     */
    public static final byte DECODE_FAILED = 12;
    /** Process to owner: how many tasks ended as the body's one byte ({@link TaskEnd} ordinal) says; reply value. */
    public static final byte TASK_COUNT = 13;

    public static final byte ITEM = 20;
    public static final byte REPLY = 21;
    /** Owner to process: several messages in one frame; the argument is their count, each is length-prefixed. */
    public static final byte BATCH = 22;
    /** Owner to process, the first message after HELLO: the path of the session's {@link SessionPage}. */
    public static final byte PAGE = 23;
    /**
     * Owner to process: the owner fenced this process's session page, took back every item it had sent and the
     * process had not claimed, and dropped the argument's count of the process's credits. Items after it are valid.
     */
    public static final byte UNFENCE = 24;
    /**
     * Owner to process, instead of {@link #PAGE}: the owner cannot serve this session (for instance its session page
     * cannot be created on a full file system); the body says why. The owner closes the connection after it.
     */
    public static final byte REFUSED = 25;

    /** Reply status: the request succeeded; the value is op-specific (a size, a count). */
    public static final byte OK = 0;
    /** Reply status: a non-blocking put found the queue full. */
    public static final byte FULL = 1;
    /** Reply status: the request was cancelled before it completed; for credits the value is how many. */
    public static final byte CANCELLED = 2;
    /** Reply status: {@code taskDone()} was called more times than items were put. */
    public static final byte TOO_MANY_TASK_DONE = 3;
    /** Reply status to HELLO: the owner has no queue with that id. */
    public static final byte UNKNOWN_QUEUE = 4;

    private static final int REPLY_LENGTH = HEADER + 1 + 8;

    private Wire() {
    }

    /** A body-less message. */
    public static byte[] message(byte op, int arg) {
        byte[] f = new byte[HEADER];
        writeHeader(f, op, arg);
        return f;
    }

    /** A message whose body is {@code text} in UTF-8 ({@link #HELLO} with the process id, {@link #PAGE}). */
    public static byte[] textMessage(byte op, int arg, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[HEADER + body.length];
        writeHeader(f, op, arg);
        System.arraycopy(body, 0, f, HEADER, body.length);
        return f;
    }

    /** The UTF-8 body of a message made by {@link #textMessage} (its header was checked by {@link #op}). */
    public static String text(byte[] f) {
        return text(f, f.length);
    }

    /** {@link #text(byte[])} of the message in the first {@code length} bytes of {@code f}. */
    public static String text(byte[] f, int length) {
        return new String(f, HEADER, length - HEADER, StandardCharsets.UTF_8);
    }

    /** A {@link #REPLY} to request {@code id}. */
    public static byte[] reply(int id, byte status, long value) {
        byte[] f = new byte[REPLY_LENGTH];
        writeHeader(f, REPLY, id);
        f[HEADER] = status;
        BigEndian.putLong(f, HEADER + 1, value);
        return f;
    }

    /** Messages longer than this are sent alone, never in a {@link #BATCH}. */
    public static final int MAX_BATCHED_MESSAGE = 4096;
    /** A {@link #BATCH} holds at most this many message bytes. */
    public static final int MAX_BATCH_BYTES = 64 * 1024;

    /** Whether {@code message} may go into a {@link #BATCH}. */
    public static boolean batchable(byte[] message) {
        return batchable(message.length);
    }

    /** Whether a message of {@code length} bytes may go into a {@link #BATCH}. */
    public static boolean batchable(int length) {
        return length <= MAX_BATCHED_MESSAGE;
    }

    /** Starts an empty {@link #BATCH} frame in {@code out}, which it empties. */
    public static void startBatch(FrameBuffer out) {
        out.reset();
        writeHeader(out.array(), BATCH, 0);
    }

    /**
     * Appends {@code message} to the {@link #BATCH} frame in {@code out} (started by {@link #startBatch}): its
     * big-endian int length, then its bytes; the header counts it.
     */
    public static void addToBatch(FrameBuffer out, byte[] message) {
        addToBatch(out, message, message.length);
    }

    /** {@link #addToBatch(FrameBuffer, byte[])} for the message in the first {@code length} bytes of {@code message}. */
    public static void addToBatch(FrameBuffer out, byte[] message, int length) {
        out.writeInt(length);
        out.write(message, 0, length);
        byte[] f = out.array();
        writeHeader(f, BATCH, getInt(f, 1) + 1);
    }

    /** Writes the op and argument into the first {@link #HEADER} bytes of {@code f}. */
    public static void writeHeader(byte[] f, byte op, int arg) {
        f[0] = op;
        putInt(f, 1, arg);
    }

    /**
     * The op of a received message.
     *
     * @throws ProtocolException if the message is shorter than the header
     */
    public static byte op(byte[] f) throws ProtocolException {
        return op(f, 0, f.length);
    }

    /**
     * The op of a received message held in {@code f[offset, offset + length)} (a part of a {@link #BATCH}).
     *
     * @throws ProtocolException if the message is shorter than the header
     */
    public static byte op(byte[] f, int offset, int length) throws ProtocolException {
        if (length < HEADER) {
            throw new ProtocolException("queue message of " + length + " bytes is shorter than its "
                    + HEADER + "-byte header");
        }
        return f[offset];
    }

    /** The int argument of a received message (its header was checked by {@link #op}). */
    public static int arg(byte[] f) {
        return getInt(f, 1);
    }

    /** The int argument of a received message at {@code offset} (its header was checked by {@link #op}). */
    public static int arg(byte[] f, int offset) {
        return getInt(f, offset + 1);
    }

    /**
     * The status of a {@link #REPLY}.
     *
     * @throws ProtocolException if the message is too short
     */
    public static byte replyStatus(byte[] f) throws ProtocolException {
        return replyStatus(f, 0, f.length);
    }

    /**
     * The status of a {@link #REPLY} held in {@code f[offset, offset + length)}.
     *
     * @throws ProtocolException if the message is not {@link #REPLY_LENGTH} bytes
     */
    public static byte replyStatus(byte[] f, int offset, int length) throws ProtocolException {
        if (length != REPLY_LENGTH) {
            throw new ProtocolException("REPLY message must be " + REPLY_LENGTH + " bytes, got " + length);
        }
        return f[offset + HEADER];
    }

    /** The value of a {@link #REPLY} whose length {@link #replyStatus} checked. */
    public static long replyValue(byte[] f) {
        return replyValue(f, 0);
    }

    /** The value of a {@link #REPLY} at {@code offset} whose length {@link #replyStatus} checked. */
    public static long replyValue(byte[] f, int offset) {
        return BigEndian.getLong(f, offset + HEADER + 1);
    }

    public static void putInt(byte[] f, int at, int v) {
        BigEndian.putInt(f, at, v);
    }

    public static int getInt(byte[] f, int at) {
        return BigEndian.getInt(f, at);
    }
}
