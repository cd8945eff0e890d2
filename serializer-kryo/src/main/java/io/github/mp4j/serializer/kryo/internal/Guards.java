package io.github.mp4j.serializer.kryo.internal;

import com.esotericsoftware.kryo.io.Input;

/** The element-count check shared by the bounded serializers. */
final class Guards {
    private Guards() {
    }

    /** Throws unless {@code count} elements of at least one byte each remain in a {@link BoundedInput}. */
    static void requireElements(Input input, long count, Class<?> type) {
        if (input instanceof BoundedInput) {
            ((BoundedInput) input).requireElements(count, 1, type.getName());
        }
    }

    /** Peeks at the varint length (plus one, 0 meaning null) that starts an array, and checks it fits. */
    static void requireArrayFits(Input input, Class<?> type) {
        int start = input.position();
        int lengthPlusOne = input.readVarInt(true);
        input.setPosition(start);
        if (lengthPlusOne != 0) {
            requireElements(input, (lengthPlusOne & 0xFFFFFFFFL) - 1, type);
        }
    }
}
