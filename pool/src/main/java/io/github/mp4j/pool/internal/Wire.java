package io.github.mp4j.pool.internal;

import io.github.mp4j.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;

/**
 * The pool's messages. Parent to worker: raw frames, {@code [TASK][id:8][JDK-serialized Work]} and
 * {@code [CANCEL][id:8][interrupt:1]} — task code comes from the parent that started the worker, which the worker
 * trusts as it trusts its launch spec. Worker to parent: {@code Object[]} messages sent with the pool's serializer
 * and decoded under its {@link io.github.mp4j.TypePolicy} ({@code {id, kind, payload}}), so the parent decodes no
 * type its policy refuses.
 */
final class Wire {
    static final byte TASK = 1;
    static final byte CANCEL = 2;

    static final int RESULT = 1;
    static final int ERROR = 2;
    static final int CANCELLED = 3;
    static final int READY = 4;
    static final int INIT_FAILED = 5;

    /** The id of messages about the worker rather than a task. */
    static final long NO_TASK = -1;

    private Wire() {
    }

    /**
     * The task frame for {@code work}.
     *
     * @throws SerializationException if the work or what it captures is not JDK-serializable
     */
    static byte[] task(long id, Work work, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.write(new byte[9], 0, 9);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(work);
        } catch (IOException e) {
            throw new SerializationException("jdk", "cannot send " + what + " to a worker: the task and what it"
                    + " captures must be java.io.Serializable, but " + e, e);
        }
        byte[] frame = bytes.toByteArray();
        ByteBuffer.wrap(frame).put(TASK).putLong(id);
        return frame;
    }

    static byte[] cancel(long id, boolean interrupt) {
        return ByteBuffer.allocate(10).put(CANCEL).putLong(id).put((byte) (interrupt ? 1 : 0)).array();
    }

    static long id(byte[] frame) {
        return ByteBuffer.wrap(frame, 1, 8).getLong();
    }

    static Work work(byte[] frame) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(frame, 9, frame.length - 9)) {
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
            return (Work) in.readObject();
        }
    }

    static Object[] message(long id, int kind, Object payload) {
        return new Object[] {id, kind, payload};
    }
}
