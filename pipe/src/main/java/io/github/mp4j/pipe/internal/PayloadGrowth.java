package io.github.mp4j.pipe.internal;

/**
 * Sizes of the array that receives a frame's payload: it starts at most {@link #FIRST} bytes (or what is already
 * buffered) and doubles, never past the declared length, only when the bytes received have filled it. Memory then
 * follows what a peer sent, at most twice that plus {@link #FIRST}, never what its header declared.
 */
final class PayloadGrowth {
    /** The largest first allocation for a payload whose bytes have not arrived yet. */
    static final int FIRST = 64 * 1024;

    private PayloadGrowth() {
    }

    /** The first array size for a payload of {@code declared} bytes of which {@code buffered} are already here. */
    static int initial(int declared, int buffered) {
        return Math.min(declared, Math.max(FIRST, buffered));
    }

    /** The next array size after {@code current} bytes filled up, for a payload of {@code declared} bytes. */
    static int next(int current, int declared) {
        return (int) Math.min(declared, Math.max(FIRST, (long) current * 2));
    }
}
