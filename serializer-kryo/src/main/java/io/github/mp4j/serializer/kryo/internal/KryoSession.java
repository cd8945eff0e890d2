package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;

/**
 * What one encode or decode call needs, pooled together so a call takes one pool operation: a configured
 * {@link PolicyKryo}, an {@link Output} that writes straight into the caller's stream, and a {@link BoundedInput}
 * that reads the caller's payload in place.
 */
public final class KryoSession {
    private static final int OUTPUT_BUFFER = 8192;

    /** The Kryo instance; its resolver carries the policy of the current decode call. */
    public final PolicyKryo kryo = new PolicyKryo();
    /** Buffered output; attached to the caller's stream for the duration of one encode call. */
    public final Output output = new Output(OUTPUT_BUFFER, -1);
    /** Input over the caller's payload for the duration of one decode call. */
    public final BoundedInput input = new BoundedInput();

    /** A thread-safe pool of sessions, at most {@code capacity} kept idle. */
    public static Pool<KryoSession> pool(int capacity) {
        return new Pool<>(true, false, capacity) {
            @Override
            protected KryoSession create() {
                return new KryoSession();
            }
        };
    }
}
