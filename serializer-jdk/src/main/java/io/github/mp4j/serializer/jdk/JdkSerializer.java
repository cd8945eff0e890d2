package io.github.mp4j.serializer.jdk;

import io.github.mp4j.SerializationException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.jdk.internal.PayloadReader;
import io.github.mp4j.serializer.jdk.internal.PolicyObjectOutputStream;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The embedded default serializer, named {@code "jdk"}: java.io serialization.
 *
 * <p>A payload is one complete serialization stream, starting with the stream magic {@code AC ED 00 05}
 * (its signature for {@link #recognizes}). Decoding asks the {@link TypePolicy} about every class name in the
 * stream, top-level and nested, before the class is loaded; a refused type throws
 * {@link io.github.mp4j.TypeNotAllowedException} and the class is neither loaded nor initialised. Classes are
 * loaded without initialisation from the thread context class loader, then from this serializer's own loader;
 * a class found by neither throws {@link io.github.mp4j.MissingTypeException} naming it and this process.
 * {@link DecodeLimits} bound depth, references, array lengths and stream bytes. Before anything is deserialized, one
 * pass over the stream charges the {@link io.github.mp4j.spi.HashWork} budget with what its hash- and tree-based
 * collections would hash ({@link io.github.mp4j.spi.JavaStreamWork}), so nested collections sharing objects (a
 * decode bomb) are refused with a {@link io.github.mp4j.DecodeException} naming the budget. Encoding with a policy
 * ({@link #encode(Object, OutputStream, TypePolicy)}) checks every class descriptor written. Every decoding failure is a
 * {@link io.github.mp4j.DecodeException} carrying a copy of the payload. A dynamic proxy decodes only if the policy
 * allows its interfaces, its invocation handler's class and {@code java.lang.reflect.Proxy}.
 *
 * <p>Thread-safe and stateless apart from its immutable limits.
 */
public final class JdkSerializer implements Serializer {
    /** This serializer's name, {@value}. */
    public static final String NAME = Serializers.JDK;

    private static final byte[] MAGIC = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05};

    private final DecodeLimits limits;
    private final PayloadReader reader;

    /** A serializer with {@link DecodeLimits#defaults()}; the constructor {@link java.util.ServiceLoader} uses. */
    public JdkSerializer() {
        this(DecodeLimits.defaults());
    }

    /** A serializer that enforces the given limits when decoding. */
    public JdkSerializer(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.reader = new PayloadReader(NAME, JdkSerializer.class.getClassLoader(), limits);
    }

    /** The limits enforced when decoding. */
    public DecodeLimits limits() {
        return limits;
    }

    /** Returns {@code "jdk"}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Writes {@code value} (which may be null) as one serialization stream. If the value cannot be serialized,
     * part of the stream may already have been written to {@code out}; encode into a buffer when that matters.
     *
     * @throws SerializationException naming the value's type and the cause if it (or an object it references)
     *         is not serializable, its {@code writeObject} fails, or it nests too deeply for the stack
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out) throws IOException {
        encode(value, out, TypePolicy.allowAll());
    }

    /**
     * Writes {@code value} like {@link #encode(Object, OutputStream)}, asking {@code policy} about every class the
     * stream names (each class and serializable superclass written, array classes, proxy interfaces) as it is
     * written: the names a receiver with the same policy judges.
     *
     * @throws TypeNotAllowedException naming the first refused type; part of the stream may have been written
     * @throws SerializationException as {@link #encode(Object, OutputStream)} does
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out, TypePolicy policy) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(policy, "policy");
        try {
            ObjectOutputStream objects = policy.equals(TypePolicy.allowAll()) ? new ObjectOutputStream(out)
                    : new PolicyObjectOutputStream(out, NAME, policy);
            objects.writeObject(value);
            objects.flush();
        } catch (TypeNotAllowedException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new SerializationException(NAME, "value of type " + value.getClass().getName() + " nests too"
                    + " deeply to be encoded by serializer " + NAME + " on this thread's stack; flatten it or"
                    + " encode on a thread with a larger stack", e);
        } catch (ObjectStreamException | RuntimeException e) {
            throw new SerializationException(NAME, "value of type " + value.getClass().getName()
                    + " cannot be encoded by serializer " + NAME + ": " + e + "; make it and every object it"
                    + " references Serializable, or choose another serializer", e);
        }
    }

    /**
     * Reads the object in {@code payload[offset, offset + length)}.
     *
     * @throws io.github.mp4j.SerializerMismatchException if the payload does not start with the stream magic
     * @throws io.github.mp4j.TypeNotAllowedException if the policy refuses a type named in the payload
     * @throws io.github.mp4j.MissingTypeException if a type named in the payload cannot be loaded here
     * @throws io.github.mp4j.DecodeException if the payload is corrupt, truncated, has trailing bytes, or
     *         exceeds a {@link DecodeLimits} bound (the message names the limit)
     * @throws IndexOutOfBoundsException if offset and length do not fit the array
     */
    @Override
    public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(policy, "policy");
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (!recognizes(payload, offset, length)) {
            throw Serializers.mismatch(this, payload, offset, length);
        }
        return reader.read(payload, offset, length, policy);
    }

    /** Whether the payload starts with the serialization stream magic {@code AC ED 00 05}. */
    @Override
    public boolean recognizes(byte[] payload, int offset, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (payload[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "JdkSerializer[" + limits + "]";
    }
}
