package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.io.Output;

/**
 * What one encode or decode call needs, kept together so a call takes one session from the {@link SessionCache}:
 * a configured {@link PolicyKryo}, an {@link Output} that writes straight into the caller's stream, and a
 * {@link BoundedInput} that reads the caller's payload in place.
 */
public final class KryoSession {
    private static final int OUTPUT_BUFFER = 8192;

    /** The Kryo instance; its resolver carries the policy of the current decode call. */
    public final PolicyKryo kryo = new PolicyKryo();
    /** Buffered output; attached to the caller's stream for the duration of one encode call. */
    public final Output output = new StringOutput(OUTPUT_BUFFER);
    /** Input over the caller's payload for the duration of one decode call. */
    public final BoundedInput input = new BoundedInput();
}
