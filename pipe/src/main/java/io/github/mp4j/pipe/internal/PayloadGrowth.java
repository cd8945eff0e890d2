package io.github.mp4j.pipe.internal;

/**
 * Sizes of the array that receives a frame's payload: it starts at most {@link #FIRST} bytes (or what is already
 * buffered) and grows {@link #FACTOR} times, never past the declared length, only when the bytes received have filled
 * it. Memory then follows what a peer sent, at most {@code FACTOR} times that plus {@link #FIRST}, never what its
 * header declared.
 *
 * <p>Why four and 256 KiB: a 1 MiB payload is received into 256 KiB, then 1 MiB (one copy of 256 KiB), where doubling
 * from 64 KiB copied 960 KiB in five steps and dominated the profile of a consumer of 1 MiB queue items.
 */
final class PayloadGrowth {
    /** The largest first allocation for a payload whose bytes have not arrived yet. */
    static final int FIRST = 256 * 1024;
    /** How many times larger each next array is than the one the received bytes filled. */
    static final int FACTOR = 4;

    private PayloadGrowth() {
    }

    /** The first array size for a payload of {@code declared} bytes of which {@code buffered} are already here. */
    static int initial(int declared, int buffered) {
        return Math.min(declared, Math.max(FIRST, buffered));
    }

    /** The next array size after {@code current} bytes filled up, for a payload of {@code declared} bytes. */
    static int next(int current, int declared) {
        return (int) Math.min(declared, Math.max(FIRST, (long) current * FACTOR));
    }
}
