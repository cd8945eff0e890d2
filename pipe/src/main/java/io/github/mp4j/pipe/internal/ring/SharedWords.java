package io.github.mp4j.pipe.internal.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The memory orders the ring uses on its shared words, by name, over {@link VarHandle} views of the mapped buffer
 * (no {@code Unsafe}: every access is bounds-checked by the buffer, so a wrong offset is an exception, never a
 * crash). Offsets are absolute in the buffer and must be aligned to the word size, which the layout guarantees.
 */
final class SharedWords {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;

    SharedWords(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** Reads a long counter with acquire semantics: what was written before its release store is visible. */
    long acquireLong(int offset) {
        return (long) LONG.getAcquire(buffer, offset);
    }

    /** Publishes a long counter with release semantics: everything written before it is visible first. */
    void releaseLong(int offset, long value) {
        LONG.setRelease(buffer, offset, value);
    }

    /** Reads an int flag with acquire semantics. */
    int acquireInt(int offset) {
        return (int) INT.getAcquire(buffer, offset);
    }

    /** Writes an int flag with release semantics. */
    void releaseInt(int offset, int value) {
        INT.setRelease(buffer, offset, value);
    }

    /** Plain read of an int (header words written before the peer could see the file). */
    int plainInt(int offset) {
        return (int) INT.get(buffer, offset);
    }

    /**
     * A full fence: no load after it is performed before a store before it. The park protocol needs exactly this
     * store-load order (announce then re-check; publish then read the park word), which release/acquire alone do
     * not give.
     */
    static void fullFence() {
        VarHandle.fullFence();
    }
}
