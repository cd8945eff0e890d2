package io.github.mp4j.benchmarks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The large items of the queue bandwidth rows: a 1 MiB {@code byte[]} of random bytes, and a {@code List<String>}
 * of 10,000 access-log-like lines of {@value #LINE_CHARS} ASCII characters (1,050,000 bytes of text), the chunk a
 * log analyzer hands its workers.
 */
public final class LargeItems {
    /** Bytes per item, the pipe bandwidth row's frame size. */
    public static final int SIZE = 1 << 20;
    /** Lines per {@link #lines()} chunk. */
    public static final int LINES = 10_000;
    /** Characters per line of {@link #lines()}. */
    public static final int LINE_CHARS = 105;

    private LargeItems() {
    }

    /** {@link #SIZE} random bytes, seeded. */
    public static byte[] bytes() {
        byte[] b = new byte[SIZE];
        new Random(7).nextBytes(b);
        return b;
    }

    /** {@link #LINES} distinct lines of {@link #LINE_CHARS} characters each. */
    public static List<String> lines() {
        Random r = new Random(11);
        List<String> lines = new ArrayList<>(LINES);
        StringBuilder b = new StringBuilder(LINE_CHARS);
        for (int i = 0; i < LINES; i++) {
            b.setLength(0);
            b.append("10.0.").append(r.nextInt(256)).append('.').append(r.nextInt(256))
                    .append(" - - [01/Dec/2026:10:").append(i % 60).append(":00 +0000] \"GET /api/item/")
                    .append(r.nextInt(100_000)).append(" HTTP/1.1\" 200 ").append(r.nextInt(90_000));
            while (b.length() < LINE_CHARS) {
                b.append(' ');
            }
            b.setLength(LINE_CHARS);
            lines.add(b.toString());
        }
        return lines;
    }

    /** The bytes of text in {@link #lines()}: what the MiB/s of its row count. */
    public static long lineBytes() {
        return (long) LINES * LINE_CHARS;
    }
}
