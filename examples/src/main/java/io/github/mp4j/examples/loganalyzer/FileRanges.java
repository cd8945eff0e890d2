package io.github.mp4j.examples.loganalyzer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file into ranges of whole lines: each range {@code {start, end}} spans about {@code blockSize} bytes and
 * ends just after a {@code '\n'} (the last one at the end of the file, with or without one). A line longer than
 * {@code blockSize} makes its range longer. Only the bytes around each cut are read.
 */
public final class FileRanges {
    private static final int PROBE = 4096;

    private FileRanges() {
    }

    /** The ranges of {@code file}, in file order, covering it exactly. */
    public static List<long[]> of(Path file, int blockSize) throws IOException {
        List<long[]> ranges = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer probe = ByteBuffer.allocate(PROBE);
            long start = 0;
            while (start < size) {
                long end = Math.min(size, start + blockSize);
                if (end < size) {
                    end = afterNewline(ch, end - 1, size, probe);
                }
                ranges.add(new long[] {start, end});
                start = end;
            }
        }
        return ranges;
    }

    /** The position just after the first {@code '\n'} at or after {@code from}, or {@code size} if there is none. */
    private static long afterNewline(FileChannel ch, long from, long size, ByteBuffer probe) throws IOException {
        long pos = from;
        while (pos < size) {
            probe.clear();
            int n = ch.read(probe, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (probe.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    /**
     * Reads the range {@code {start, end}} of {@code ch} into {@code buf} (grown when too small) and returns the
     * buffer holding it from index 0.
     */
    public static byte[] read(FileChannel ch, long[] range, byte[] buf) throws IOException {
        int len = Math.toIntExact(range[1] - range[0]);
        byte[] b = buf.length >= len ? buf : new byte[len];
        ByteBuffer dst = ByteBuffer.wrap(b, 0, len);
        while (dst.hasRemaining()) {
            if (ch.read(dst, range[0] + dst.position()) < 0) {
                throw new IOException("file ended inside range " + range[0] + ".." + range[1] + " at "
                        + (range[0] + dst.position()) + "; was it truncated while being analyzed?");
            }
        }
        return b;
    }
}
