package io.github.mp4j.pipe.internal;

import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;
import java.lang.invoke.MethodType;

/**
 * The payload side of one connection: its serializer (made on first use), type policy, the reusable buffer that
 * outgoing payloads are encoded into, and the {@link HandleRules} that handles received here re-attach with.
 *
 * <p>Thread contract: {@link #encode} and {@link #release} under the connection's write lock, {@link #decode}
 * under its read lock; {@link #serializer()} from any thread.
 */
final class PayloadCodec {
    private final ConnectionOptions options;
    private final FrameBuffer out = new FrameBuffer();
    private volatile Serializer serializer;
    /** Guarded by the read lock; see {@link #handleRules}. */
    private HandleRules handleRules;

    PayloadCodec(ConnectionOptions options) {
        this.options = options;
    }

    /** The connection's serializer, made from the options on first use. */
    Serializer serializer() {
        Serializer s = serializer;
        if (s == null) {
            serializer = s = options.serializer();
        }
        return s;
    }

    /**
     * Encodes {@code obj} with {@code s} under the connection's type policy; the payload is the first
     * {@link FrameBuffer#payloadLength()} bytes of {@link FrameBuffer#array()} until {@link #release()}.
     */
    FrameBuffer encode(Serializer s, Object obj) throws IOException {
        out.reset();
        s.encode(obj, out, options.typePolicy());
        return out;
    }

    /** Ends the use of what {@link #encode} returned; drops a large backing array. */
    void release() {
        out.finish();
    }

    /** Decodes {@code len} payload bytes of {@code a} from {@code off} with {@code s} and the handle rules. */
    Object decode(Serializer s, byte[] a, int off, int len) throws IOException {
        return handleRules(s).decode(s, a, off, len);
    }

    /**
     * The rules handles received here re-attach with: this connection's serializer, policy, largest frame, TCP
     * choice and socket directory (made on the first decode).
     */
    private HandleRules handleRules(Serializer s) {
        HandleRules r = handleRules;
        if (r == null || !r.serializerName().equals(s.name())) {
            handleRules = r = HandleRules.receiving(s.name(), options.typePolicy(), options.maxFrameLength(),
                    options.attachHandlesOverTcp(), options::socketDirectory);
        }
        return r;
    }

    /**
     * {@code o} as a {@code type} (primitive types accept their boxes; null passes).
     *
     * @throws ClassCastException naming both types if {@code o} is something else
     */
    static <T> T cast(Object o, Class<T> type) {
        Class<?> boxed = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
        if (o != null && !boxed.isInstance(o)) {
            throw new ClassCastException("received a " + o.getClass().getName() + " but expected a "
                    + type.getName());
        }
        @SuppressWarnings("unchecked")
        T t = (T) o;
        return t;
    }
}
