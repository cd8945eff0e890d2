package io.github.mp4j.process.internal;

import io.github.mp4j.SerializationException;
import io.github.mp4j.pipe.internal.BigEndian;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.StreamCorruptedException;

/**
 * Encodes a {@link LaunchSpec} as one frame for the child's stdin — the magic {@code "mp4j"}, a 4-byte big-endian
 * length, then the JDK-serialized spec — and reads it back in the child.
 */
public final class SpecChannel {
    static final int MAGIC = 0x6d70346a; // "mp4j"

    private SpecChannel() {
    }

    /**
     * The framed, JDK-serialized {@code spec}.
     *
     * @throws SerializationException if the target or an argument is not JDK-serializable (nothing is started)
     */
    public static byte[] encode(LaunchSpec spec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        bytes.write(new byte[8], 0, 8); // magic and length, filled in below
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        } catch (IOException e) {
            throw new SerializationException("jdk", "cannot start " + spec.name()
                    + ": its target and arguments must be JDK-serializable (java.io.Serializable), but " + e, e);
        }
        byte[] frame = bytes.toByteArray();
        BigEndian.putInt(frame, 0, MAGIC);
        BigEndian.putInt(frame, 4, frame.length - 8);
        return frame;
    }

    /**
     * Reads one framed spec from {@code in}, resolving classes with the current thread's context class loader.
     *
     * @throws IOException if the stream ends early, does not start with the mp4j magic, or cannot be deserialized
     * @throws ClassNotFoundException if a class named in the spec is not on this JVM's class path
     */
    public static LaunchSpec read(InputStream in) throws IOException, ClassNotFoundException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC) {
            throw new StreamCorruptedException(String.format(
                    "stdin starts with 0x%08x, not the mp4j launch magic 0x%08x: ChildMain is started by JvmProcess,"
                            + " not by hand", magic, MAGIC));
        }
        int length = data.readInt();
        if (length <= 0) {
            throw new StreamCorruptedException("launch spec length " + length + " is not positive");
        }
        byte[] payload = new byte[length];
        data.readFully(payload);
        try (ObjectInputStream objects = new ContextLoaderObjectInputStream(payload)) {
            return (LaunchSpec) objects.readObject();
        }
    }

    /** Resolves classes with the thread context class loader (the channel is the parent's own pipe: trusted). */
    private static final class ContextLoaderObjectInputStream extends ObjectInputStream {
        ContextLoaderObjectInputStream(byte[] payload) throws IOException {
            super(new ByteArrayInputStream(payload));
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                return super.resolveClass(desc);
            }
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitives and arrays of them
            }
        }
    }
}
