package io.github.mp4j.queue.internal;

import io.github.mp4j.SerializationException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;

/**
 * Encodes items into queue messages and decodes them, with one serializer and the queue's {@link HandleRules} (its
 * type policy, and what pipe ends and queues inside items may attach to). Encoding happens in the caller's
 * {@code put}, decoding in the caller's {@code get}; the owner of a queue never decodes for others.
 */
public final class ItemCodec {
    private static final ThreadLocal<FrameOutput> BUFFERS = ThreadLocal.withInitial(FrameOutput::new);

    private final Serializer serializer;
    private final HandleRules rules;

    public ItemCodec(Serializer serializer, HandleRules rules) {
        this.serializer = serializer;
        this.rules = rules;
    }

    /**
     * Encodes {@code item} into this thread's reusable buffer, after the header space. The buffer is valid until
     * the thread's next encode; call {@link #release(FrameOutput)} when done with it.
     *
     * @throws SerializationException if the item cannot be encoded
     */
    public FrameOutput encode(Object item) {
        FrameOutput out = BUFFERS.get();
        out.reset();
        try {
            serializer.encode(item, out, rules.policy());
        } catch (IOException e) {
            throw new SerializationException(serializer.name(), "encoding a "
                    + (item == null ? "null" : item.getClass().getName()) + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Lets this thread drop a buffer that grew too large to keep. */
    public void release(FrameOutput out) {
        if (out.oversized()) {
            BUFFERS.remove();
        }
    }

    /** Encodes {@code item} into a new exact-size message array (header space, then payload). */
    public byte[] encodeFrame(Object item) {
        FrameOutput out = encode(item);
        byte[] frame = out.toFrame();
        release(out);
        return frame;
    }

    /**
     * Decodes the payload of an item message.
     *
     * @throws io.github.mp4j.DecodeException if it cannot be decoded; the item is consumed
     */
    public Object decode(byte[] frame) {
        return decode(frame, 0, frame.length);
    }

    /**
     * Decodes the payload of an item message held in {@code frame[offset, offset + length)}: a part of a batch,
     * decoded in place.
     *
     * @throws io.github.mp4j.DecodeException if it cannot be decoded; the item is consumed
     */
    public Object decode(byte[] frame, int offset, int length) {
        return rules.decode(serializer, frame, offset + Wire.HEADER, length - Wire.HEADER);
    }

    /** The serializer's name, carried by queue handles. */
    public String serializerName() {
        return serializer.name();
    }

    public TypePolicy policy() {
        return rules.policy();
    }

    /** The rules items decode with; handles in them attach under these. */
    public HandleRules rules() {
        return rules;
    }
}
