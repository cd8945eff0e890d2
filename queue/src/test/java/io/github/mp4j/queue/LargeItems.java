package io.github.mp4j.queue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Distinct large items for the pooled-array tests: item {@code i} is {@link #length(int)} seeded random bytes whose
 * first four hold {@code i}, so a consumer can name the item it got and check every byte by its CRC.
 */
final class LargeItems {
    private LargeItems() {
    }

    /**
     * Between 70,001 and 1,170,000 bytes, in three size classes that shrink a little from one item of a class to the
     * next, so a later item fits the pooled array of an earlier one and leaves a tail of old bytes behind it.
     */
    static int length(int i) {
        return 1_170_000 - (int) ((i * 370_003L) % 1_100_000);
    }

    static byte[] item(int i) {
        byte[] b = new byte[length(i)];
        new Random(i).nextBytes(b);
        ByteBuffer.wrap(b).putInt(0, i);
        return b;
    }

    /**
     * Item {@code i} of exactly {@code length} bytes (at least 4): the mixed sizes of {@link #MIXED} put arrays of
     * different sizes, on both sides of the 64 KiB pooling threshold, in and out of the pools.
     */
    static byte[] sized(int i, int length) {
        byte[] b = new byte[length];
        new Random(i).nextBytes(b);
        ByteBuffer.wrap(b).putInt(0, i);
        return b;
    }

    /** Item sizes around the pooling threshold (the message adds a header and the serializer's few bytes) and up. */
    static final int[] MIXED = {65_535, 65_536, 65_537, 100, 131_072, 65_500, 1 << 20, 4_000, 70_000, 131_071,
        65_520, 200_000, 65_548, 600_000};

    /** Item {@code i} sized from {@link #MIXED}. */
    static byte[] mixed(int i) {
        return sized(i, MIXED[i % MIXED.length]);
    }

    static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    /** {@code "i:length:crc"} of a received item, what children report. */
    static String describe(byte[] b) {
        return ByteBuffer.wrap(b).getInt(0) + ":" + b.length + ":" + crc(b);
    }

    /** What {@link #describe} says of an intact item {@code i}. */
    static String expected(int i) {
        return describe(item(i));
    }
}
