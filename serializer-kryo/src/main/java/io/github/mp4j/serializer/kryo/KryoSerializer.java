package io.github.mp4j.serializer.kryo;

import com.esotericsoftware.kryo.io.Output;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.serializer.kryo.internal.KryoSession;
import io.github.mp4j.serializer.kryo.internal.SessionCache;
import io.github.mp4j.serializer.kryo.internal.StringPayload;
import io.github.mp4j.serializer.kryo.internal.TypeResolutionFailure;
import io.github.mp4j.spi.HashWork;
import io.github.mp4j.spi.JavaStreamWork;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code "kryo"} serializer: Kryo 5 with types named by class name, references (shared objects and cycles
 * survive), records, enums, collections including {@code List.of}/{@code Map.of}, and classes without a no-arg
 * constructor. Classes that declare {@code writeReplace}/{@code readResolve} (such as mp4j's connection and queue
 * handles) go through java.io serialization inside the payload.
 *
 * <p>A payload is the signature {@code 0x4B 0xF5} ({@code 'K'} and a byte that never occurs in UTF-8 text),
 * the format version {@code 0x03}, then Kryo's output. Every class name in a payload is checked against the
 * {@link TypePolicy} of the decode call before the class is loaded (with {@code initialize=false}, from the thread
 * context class loader, then this library's loader).
 *
 * <p>Decoding costs time in proportion to the payload: every element read into a hash- or tree-based collection is
 * charged to a {@link HashWork} budget with the number of objects its {@code hashCode} would visit, so nested
 * collections that share objects (a decode bomb) are refused with a {@link DecodeException} naming the budget.
 *
 * <p>Thread-safe: Kryo instances and their buffers are cached per thread slot, so concurrent calls do not
 * share state and a thread that calls repeatedly reuses one Kryo instance.
 */
public final class KryoSerializer implements Serializer {
    /** The name used in configuration and error messages. */
    public static final String NAME = "kryo";

    private static final byte MAGIC_0 = 0x4B;
    private static final byte MAGIC_1 = (byte) 0xF5;
    /** 3: strings are values, never references (no reference marker before a string). */
    private static final byte VERSION = 3;
    private static final int HEADER = 3;
    private static final byte[] SIGNATURE = {MAGIC_0, MAGIC_1, VERSION};
    private static final int MAX_TRACE_LINES = 10;

    private static final AtomicBoolean FIRST = new AtomicBoolean();

    private final SessionCache sessions = new SessionCache(4 * Runtime.getRuntime().availableProcessors());

    /**
     * Creates a serializer that may be shared by every thread. The first instance in a JVM (normally the one
     * {@link java.util.ServiceLoader} makes) starts preparing one Kryo instance on a daemon thread, so a freshly
     * started process does not construct Kryo only when it first sends or receives.
     */
    public KryoSerializer() {
        if (FIRST.compareAndSet(false, true)) {
            sessions.prepareInBackground();
        }
    }

    /** Returns {@code "kryo"}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Writes the signature and {@code value} (which may be null) to {@code out}. On failure a partial payload
     * may already have been written to {@code out}; discard it.
     *
     * @throws SerializationException naming the value's type and the cause if Kryo cannot write it
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out) throws IOException {
        encode(value, out, TypePolicy.allowAll());
    }

    /**
     * Writes {@code value} like {@link #encode(Object, OutputStream)}, asking {@code policy} about every class name
     * the payload carries (the top-level type and every nested one, each the first time it is written, including
     * those inside java-serialized blocks): the names a receiver with the same policy judges.
     *
     * @throws TypeNotAllowedException naming the first refused type, with an empty payload
     * @throws SerializationException naming the value's type and the cause if Kryo cannot write it
     * @throws IOException if {@code out} fails
     */
    @Override
    public void encode(Object value, OutputStream out, TypePolicy policy) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(policy, "policy");
        if (StringPayload.handles(value)) { // the same bytes, without waiting for a Kryo instance to be built
            StringPayload.write(SIGNATURE, value, out);
            return;
        }
        KryoSession session = sessions.obtain();
        Output output = session.output;
        boolean healthy = false;
        try {
            session.kryo.resolver().beginWrite(policy);
            output.setOutputStream(out);
            output.writeByte(MAGIC_0);
            output.writeByte(MAGIC_1);
            output.writeByte(VERSION);
            session.kryo.writeClassAndObject(output, value);
            output.flush();
            healthy = true;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            IOException io = ioCause(e);
            if (io != null) {
                throw io;
            }
            TypeNotAllowedException refused = refusedCause(e);
            if (refused != null) {
                throw refused;
            }
            throw new SerializationException(NAME, "kryo cannot encode a value of type "
                    + (value == null ? "null" : value.getClass().getName()) + ": " + describe(e), e);
        } finally {
            output.setOutputStream(null);
            release(session, healthy);
        }
    }

    /**
     * Reads one payload written by {@link #encode}.
     *
     * @throws io.github.mp4j.SerializerMismatchException if the payload lacks the kryo signature
     * @throws TypeNotAllowedException if the policy refuses a type the payload names (the class is not loaded)
     * @throws MissingTypeException if a type the payload names cannot be loaded in this process
     * @throws DecodeException if the payload is corrupt or truncated
     */
    @Override
    public Object decode(byte[] payload, int offset, int length, TypePolicy policy) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(policy, "policy");
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (!recognizes(payload, offset, length)) {
            throw Serializers.mismatch(this, payload, offset, length);
        }
        if (payload[offset + 2] != VERSION) {
            throw new DecodeException(NAME, "kryo payload has format version " + payload[offset + 2]
                    + " but this end reads version " + VERSION + ": use the same mp4j version on both ends",
                    copy(payload, offset, length), null);
        }
        KryoSession session = sessions.obtain();
        boolean healthy = false;
        try {
            session.kryo.resolver().begin(policy);
            session.kryo.beginDecode(length);
            session.input.setBuffer(payload, offset + HEADER, length - HEADER);
            Object value = session.kryo.readClassAndObject(session.input);
            int left = session.input.remaining();
            if (left != 0) {
                throw new DecodeException(NAME, "kryo payload has " + left + " bytes after the value ends"
                        + " (payload length " + length + "): the payload is corrupt", copy(payload, offset, length),
                        null);
            }
            healthy = true;
            return value;
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            throw decodeFailure(session, e, payload, offset, length);
        } finally {
            session.kryo.endDecode();
            session.input.clear();
            release(session, healthy);
        }
    }

    /** Whether the payload starts with the kryo signature {@code 0x4B 0xF5}. */
    @Override
    public boolean recognizes(byte[] payload, int offset, int length) {
        return length >= HEADER && payload[offset] == MAGIC_0 && payload[offset + 1] == MAGIC_1;
    }

    private DecodeException decodeFailure(KryoSession session, Throwable e, byte[] payload, int offset,
                                          int length) {
        byte[] raw = copy(payload, offset, length);
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof DecodeException) {
                // e.g. a handle refused in its readResolve, wrapped by Kryo on its way out of a field
                return (DecodeException) c;
            }
        }
        TypeResolutionFailure type = session.kryo.resolver().failure();
        if (type != null) {
            return type.kind() == TypeResolutionFailure.Kind.REFUSED
                    ? new TypeNotAllowedException(NAME, type.typeName(), raw)
                    : new MissingTypeException(NAME, type.typeName(), raw, type.getCause());
        }
        RuntimeException refusal = refusal(e);
        if (refusal != null) {
            return new DecodeException(NAME, "kryo payload of " + length + " bytes refused: " + refusal.getMessage(),
                    raw, null);
        }
        if (e instanceof NoClassDefFoundError && e.getMessage() != null) {
            return new MissingTypeException(NAME, e.getMessage().replace('/', '.'), raw, e);
        }
        String advice = tooDeep(e) ? "decode on a thread with a larger stack, or send a shallower object graph"
                : "the payload is corrupt or was written by an incompatible peer";
        return new DecodeException(NAME, "kryo payload of " + length + " bytes cannot be decoded: " + describe(e)
                + "; " + advice, raw, e);
    }

    /** Returns a session to the cache, or drops it if a failure may have left Kryo's state inconsistent. */
    private void release(KryoSession session, boolean healthy) {
        if (healthy) {
            sessions.release(session);
        }
    }

    private static TypeNotAllowedException refusedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TypeNotAllowedException) {
                return (TypeNotAllowedException) t;
            }
        }
        return null;
    }

    /** The hashing-work refusal in the cause chain of {@code e}, or null. */
    private static RuntimeException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HashWork.Exceeded || t instanceof JavaStreamWork.Unfollowable) {
                return (RuntimeException) t;
            }
        }
        return null;
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return (IOException) t;
            }
        }
        return null;
    }

    /** The failure in one short line or a few: Kryo's serialization trace is cut to its innermost entries. */
    private static String describe(Throwable e) {
        if (tooDeep(e)) {
            return "the object graph is nested too deeply for this thread's stack";
        }
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String[] lines = message.split("\n");
        if (lines.length > MAX_TRACE_LINES) {
            message = String.join("\n", Arrays.copyOf(lines, MAX_TRACE_LINES)) + "\n... ("
                    + (lines.length - MAX_TRACE_LINES) + " more trace lines)";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }

    /** Whether the failure is a stack overflow (Kryo wraps it in a KryoException). */
    private static boolean tooDeep(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return true;
            }
        }
        return false;
    }

    private static byte[] copy(byte[] payload, int offset, int length) {
        return Arrays.copyOfRange(payload, offset, offset + length);
    }
}
