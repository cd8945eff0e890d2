package io.github.mp4j.queue.reliability;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checksummed, numbered items: {@code <source>:<seq>:<body>:<crc32 hex>}, where the CRC covers everything before
 * it. Strings, so every serializer and the default type policy carry them.
 */
final class Items {
    private Items() {
    }

    /** The item number {@code seq} of {@code source}. */
    static String make(int source, long seq) {
        String head = source + ":" + seq + ":" + Long.toString(seq * 0x9E3779B97F4A7C15L, 36);
        return head + ":" + Long.toHexString(crc(head));
    }

    /**
     * The key {@code source:seq} of a received item whose checksum matches.
     *
     * @throws AssertionError naming the item if it is malformed or its checksum does not match
     */
    static String verify(String item) {
        int cut = item.lastIndexOf(':');
        if (cut < 0) {
            throw new AssertionError("malformed item (no checksum): " + item);
        }
        String head = item.substring(0, cut);
        if (!Long.toHexString(crc(head)).equals(item.substring(cut + 1))) {
            throw new AssertionError("checksum mismatch in item " + item);
        }
        String[] parts = head.split(":");
        if (parts.length != 3 || !make(Integer.parseInt(parts[0]), Long.parseLong(parts[1])).equals(item)) {
            throw new AssertionError("corrupt item " + item);
        }
        return parts[0] + ":" + parts[1];
    }

    /** The key of the item number {@code seq} of {@code source}. */
    static String key(int source, long seq) {
        return source + ":" + seq;
    }

    private static long crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.US_ASCII));
        return c.getValue();
    }
}
