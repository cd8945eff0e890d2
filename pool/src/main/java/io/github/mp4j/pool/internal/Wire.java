package io.github.mp4j.pool.internal;

import io.github.mp4j.SerializationException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.internal.BigEndian;
import io.github.mp4j.spi.Serializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The pool's messages. Parent to worker: raw frames, each a kind byte then a task or function id (8 bytes):
 * <ul>
 *   <li>{@code [TASK][id][JDK-serialized Work]}: one {@code submit}/{@code apply};</li>
 *   <li>{@code [FUNCTION][fn][pairs:1][JDK-serialized function]}: a map's function, sent once per worker per map;</li>
 *   <li>{@code [CHUNK][id][fn:8][format:1][elements]}: one chunk of map {@code fn}, its elements
 *       {@link PackedValues} (format 1) when they are all Integer, Long or Double, else an {@code Object[]} in the
 *       pool's serializer (format 0);</li>
 *   <li>{@code [FORGET][fn]}: the map ended, the worker drops its function;</li>
 *   <li>{@code [CANCEL][id][interrupt:1]}.</li>
 * </ul>
 * Task code and chunk elements come from the parent that started the worker, which the worker trusts as it trusts
 * its launch spec (elements decode under {@link TypePolicy#allowAll()}). Worker to parent: {@code Object[]}
 * messages sent with the pool's serializer and decoded under its {@link TypePolicy} ({@code {id, kind, payload}}),
 * so the parent decodes no type its policy refuses.
 */
final class Wire {
    static final byte TASK = 1;
    static final byte CANCEL = 2;
    static final byte FUNCTION = 3;
    static final byte CHUNK = 4;
    static final byte FORGET = 5;

    static final int RESULT = 1;
    static final int ERROR = 2;
    static final int CANCELLED = 3;
    static final int READY = 4;
    static final int INIT_FAILED = 5;
    /** A chunk's results as {@link PackedValues} bytes. */
    static final int RESULT_PACKED = 6;

    /** The id of messages about the worker rather than a task. */
    static final long NO_TASK = -1;

    private static final int TASK_HEADER = 9;
    private static final int FUNCTION_HEADER = 10;
    private static final int CHUNK_HEADER = 18;
    private static final byte SERIALIZED = 0;
    private static final byte PACKED = 1;

    private Wire() {
    }

    /**
     * The task frame for {@code work}.
     *
     * @throws SerializationException if the work or what it captures is not JDK-serializable
     */
    static byte[] task(long id, Work work, String what) {
        byte[] frame = jdk(work, TASK_HEADER, what, "the task");
        frame[0] = TASK;
        BigEndian.putLong(frame, 1, id);
        return frame;
    }

    /**
     * The frame that gives workers map function {@code fn}.
     *
     * @throws SerializationException if the function or what it captures is not JDK-serializable
     */
    static byte[] function(long fn, boolean pairs, Object function, String what) {
        byte[] frame = jdk(function, FUNCTION_HEADER, what, "the function");
        frame[0] = FUNCTION;
        BigEndian.putLong(frame, 1, fn);
        frame[9] = (byte) (pairs ? 1 : 0);
        return frame;
    }

    /**
     * The frame of one chunk of map {@code fn}, its elements encoded with {@code serializer}.
     *
     * @throws SerializationException if {@code serializer} cannot encode an element
     */
    static byte[] chunk(long id, long fn, Object[] elements, Serializer serializer) {
        byte[] packed = PackedValues.pack(java.util.Arrays.asList(elements));
        byte[] frame;
        if (packed != null) {
            frame = new byte[CHUNK_HEADER + packed.length];
            System.arraycopy(packed, 0, frame, CHUNK_HEADER, packed.length);
            frame[17] = PACKED;
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(CHUNK_HEADER + 16 * elements.length);
            bytes.write(new byte[CHUNK_HEADER], 0, CHUNK_HEADER);
            try {
                serializer.encode(elements, bytes);
            } catch (IOException e) {
                throw new SerializationException(serializer.name(), "cannot encode a chunk of " + elements.length
                        + " elements: " + e, e);
            }
            frame = bytes.toByteArray();
            frame[17] = SERIALIZED;
        }
        frame[0] = CHUNK;
        BigEndian.putLong(frame, 1, id);
        BigEndian.putLong(frame, 9, fn);
        return frame;
    }

    static byte[] forget(long fn) {
        byte[] frame = new byte[TASK_HEADER];
        frame[0] = FORGET;
        BigEndian.putLong(frame, 1, fn);
        return frame;
    }

    static byte[] cancel(long id, boolean interrupt) {
        byte[] frame = new byte[TASK_HEADER + 1];
        frame[0] = CANCEL;
        BigEndian.putLong(frame, 1, id);
        frame[9] = (byte) (interrupt ? 1 : 0);
        return frame;
    }

    /** The task id of a TASK, CHUNK or CANCEL frame; the function id of a FUNCTION or FORGET frame. */
    static long id(byte[] frame) {
        return BigEndian.getLong(frame, 1);
    }

    /** Whether a frame the task thread handles in order is a task (TASK or CHUNK) rather than a function's. */
    static boolean isTask(byte[] frame) {
        return frame[0] == TASK || frame[0] == CHUNK;
    }

    static Work work(byte[] frame) throws IOException, ClassNotFoundException {
        return (Work) readJdk(frame, TASK_HEADER);
    }

    /** The function of a FUNCTION frame. */
    static Object function(byte[] frame) throws IOException, ClassNotFoundException {
        return readJdk(frame, FUNCTION_HEADER);
    }

    static boolean pairs(byte[] frame) {
        return frame[9] != 0;
    }

    /** The map function id of a CHUNK frame. */
    static long chunkFunction(byte[] frame) {
        return BigEndian.getLong(frame, 9);
    }

    /** The elements of a CHUNK frame. */
    static Object[] elements(byte[] frame, Serializer serializer) {
        if (frame[17] == PACKED) {
            return PackedValues.unpack(frame, CHUNK_HEADER, frame.length - CHUNK_HEADER);
        }
        return (Object[]) serializer.decode(frame, CHUNK_HEADER, frame.length - CHUNK_HEADER, TypePolicy.allowAll());
    }

    /** The message of a chunk's results: packed when they are all Integer, Long or Double. */
    static Object[] chunkResults(long id, java.util.List<Object> results) {
        byte[] packed = PackedValues.pack(results);
        return packed != null ? message(id, RESULT_PACKED, packed) : message(id, RESULT, results);
    }

    static Object[] message(long id, int kind, Object payload) {
        return new Object[] {id, kind, payload};
    }

    private static byte[] jdk(Object value, int header, String what, String role) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.write(new byte[header], 0, header);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new SerializationException("jdk", "cannot send " + what + " to a worker: " + role + " and what it"
                    + " captures must be java.io.Serializable, but " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object readJdk(byte[] frame, int offset) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(frame, offset,
                frame.length - offset)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return in.readObject();
        }
    }
}
