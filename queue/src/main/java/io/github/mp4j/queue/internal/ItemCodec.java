package io.github.mp4j.queue.internal;

import io.github.mp4j.SerializationException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.pipe.internal.FrameBuffer;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.spi.Serializer;
import java.io.IOException;

/**
 * Encodes items into queue messages and decodes them, with one serializer and the queue's {@link HandleRules} (its
 * type policy, and what pipe ends and queues inside items may attach to). Encoding happens in the caller's
 * {@code put}, decoding in the caller's {@code get}; the owner of a queue never decodes for others.
 */
public final class ItemCodec {
    private static final ThreadLocal<FrameBuffer> BUFFERS = ThreadLocal.withInitial(() -> new FrameBuffer(Wire.HEADER));

    private final Serializer serializer;
    private final HandleRules rules;

    public ItemCodec(Serializer serializer, HandleRules rules) {
        this.serializer = serializer;
        this.rules = rules;
    }

    /**
     * Encodes {@code item} into this thread's reusable buffer, after the header space. The buffer is valid until
     * the thread's next encode; call {@link #release(FrameBuffer)} when done with it. The buffer keeps the capacity
     * recent items needed, so a stream of large items encodes without growing it again ({@link FrameBuffer}).
     *
     * @throws SerializationException if the item cannot be encoded
     */
    public FrameBuffer encode(Object item) {
        FrameBuffer out = BUFFERS.get();
        out.reset();
        try {
            serializer.encode(item, out, rules.policy());
        } catch (IOException e) {
            throw new SerializationException(serializer.name(), "encoding a "
                    + (item == null ? "null" : item.getClass().getName()) + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Ends the use of this thread's buffer; it shrinks once recent items are much smaller than it. */
    public void release(FrameBuffer out) {
        out.finish();
    }

    /** Encodes {@code item} into a new exact-size message array (header space, then payload). */
    public byte[] encodeFrame(Object item) {
        FrameBuffer out = encode(item);
        byte[] frame = out.toArray();
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
