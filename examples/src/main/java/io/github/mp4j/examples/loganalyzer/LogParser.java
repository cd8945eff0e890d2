package io.github.mp4j.examples.loganalyzer;

import java.nio.charset.StandardCharsets;

/**
 * The one parser of every version: reads whole lines from a block of bytes and adds them to a {@link LogStats}.
 * A line is {@code ... [dd/Mon/yyyy:HH:mm:ss zone] "METHOD path PROTOCOL" status bytes ...}; the minute is the
 * 17 characters after {@code [}, the path the second word in quotes, bytes {@code -} count as 0. A line without
 * these fields counts as malformed and adds nothing else. Works on bytes, not characters: the log is ASCII.
 */
public final class LogParser {
    private static final int MINUTE_CHARS = 17;

    private final LogStats stats;
    private String lastMinute = "";
    private long[] lastMinuteCount;

    /** A parser adding to {@code stats}. */
    public LogParser(LogStats stats) {
        this.stats = stats;
    }

    /** Parses the {@code length} bytes of {@code block} from {@code offset}: whole lines, the last may lack '\n'. */
    public void parse(byte[] block, int offset, int length) {
        int end = offset + length;
        int s = offset;
        while (s < end) {
            int e = indexOf(block, (byte) '\n', s, end);
            if (e < 0) {
                e = end;
            }
            if (e > s) {
                line(block, s, e);
            }
            s = e + 1;
        }
    }

    private void line(byte[] b, int s, int e) {
        stats.lines++;
        int open = indexOf(b, (byte) '[', s, e);
        int quote = open < 0 ? -1 : indexOf(b, (byte) '"', open, e);
        int pathStart = quote < 0 ? -1 : indexOf(b, (byte) ' ', quote, e) + 1;
        int pathEnd = pathStart <= 0 ? -1 : indexOf(b, (byte) ' ', pathStart, e);
        int close = pathEnd < 0 ? -1 : indexOf(b, (byte) '"', pathEnd, e);
        if (close < 0 || open + 1 + MINUTE_CHARS > e || close + 6 > e) {
            stats.malformed++;
            return;
        }
        int st = close + 2;
        int status = digit(b[st]) * 100 + digit(b[st + 1]) * 10 + digit(b[st + 2]);
        if (status < 0 || b[st + 3] != ' ') {
            stats.malformed++;
            return;
        }
        long bytes = 0;
        for (int i = st + 4; i < e && b[i] != ' '; i++) {
            int d = digit(b[i]);
            if (d < 0) {
                break;
            }
            bytes = bytes * 10 + d;
        }
        stats.perStatus[status]++;
        stats.bytesPerPath.computeIfAbsent(new String(b, pathStart, pathEnd - pathStart,
                StandardCharsets.ISO_8859_1), k -> new long[1])[0] += bytes;
        minute(b, open + 1);
    }

    /** Counts the minute at {@code at}; consecutive lines mostly share it, so no string is made for those. */
    private void minute(byte[] b, int at) {
        String last = lastMinute;
        boolean same = lastMinuteCount != null;
        for (int i = 0; same && i < MINUTE_CHARS; i++) {
            same = last.charAt(i) == (b[at + i] & 0xff);
        }
        if (!same) {
            lastMinute = new String(b, at, MINUTE_CHARS, StandardCharsets.ISO_8859_1);
            lastMinuteCount = stats.perMinute.computeIfAbsent(lastMinute, k -> new long[1]);
        }
        lastMinuteCount[0]++;
    }

    private static int digit(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : -1000;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
