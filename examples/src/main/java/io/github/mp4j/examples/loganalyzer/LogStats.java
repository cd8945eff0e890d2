package io.github.mp4j.examples.loganalyzer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates of an access log: requests per status, response bytes per path, requests per minute, plus the
 * line counts. Partial aggregates of parts of a log {@linkplain #merge merge} into those of the whole. Not
 * thread-safe.
 */
public final class LogStats {
    final long[] perStatus = new long[1000];
    final Map<String, long[]> bytesPerPath = new HashMap<>();
    final Map<String, long[]> perMinute = new HashMap<>();
    long lines;
    long malformed;

    /** Adds {@code other}'s counts to these. */
    public void merge(LogStats other) {
        for (int s = 0; s < perStatus.length; s++) {
            perStatus[s] += other.perStatus[s];
        }
        other.bytesPerPath.forEach((k, v) -> bytesPerPath.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        other.perMinute.forEach((k, v) -> perMinute.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        lines += other.lines;
        malformed += other.malformed;
    }

    /**
     * These aggregates as one flat map of JDK types, to send to another process: {@code "s:200"} per status,
     * {@code "p:/path"} per path, {@code "m:01/Dec/2026:10:15"} per minute, {@code "lines"} and {@code "malformed"}.
     */
    public HashMap<String, Long> toMap() {
        HashMap<String, Long> m = new HashMap<>();
        for (int s = 0; s < perStatus.length; s++) {
            if (perStatus[s] != 0) {
                m.put("s:" + s, perStatus[s]);
            }
        }
        bytesPerPath.forEach((k, v) -> m.put("p:" + k, v[0]));
        perMinute.forEach((k, v) -> m.put("m:" + k, v[0]));
        m.put("lines", lines);
        m.put("malformed", malformed);
        return m;
    }

    /** The aggregates {@link #toMap} wrote. */
    public static LogStats fromMap(Map<String, Long> m) {
        LogStats s = new LogStats();
        m.forEach((k, v) -> {
            if (k.startsWith("s:")) {
                s.perStatus[Integer.parseInt(k.substring(2))] = v;
            } else if (k.startsWith("p:")) {
                s.bytesPerPath.put(k.substring(2), new long[] {v});
            } else if (k.startsWith("m:")) {
                s.perMinute.put(k.substring(2), new long[] {v});
            } else if (k.equals("lines")) {
                s.lines = v;
            } else if (k.equals("malformed")) {
                s.malformed = v;
            } else {
                throw new IllegalArgumentException("unknown aggregate key '" + k + "'");
            }
        });
        return s;
    }

    /**
     * The printed report, the same text the CPython version prints: line counts, requests per status, bytes per
     * path (both sorted by key), the number of minutes, the first and the three busiest minutes, and the SHA-256 of
     * the full per-minute list ({@code "<minute> <count>\n"} per minute, sorted by minute).
     */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append("lines: ").append(lines).append(" (malformed: ").append(malformed).append(")\n");
        for (int s = 0; s < perStatus.length; s++) {
            if (perStatus[s] != 0) {
                b.append("status ").append(s).append(": ").append(perStatus[s]).append('\n');
            }
        }
        new TreeMap<>(bytesPerPath).forEach((k, v) -> b.append("bytes ").append(k).append(": ").append(v[0])
                .append('\n'));
        TreeMap<String, long[]> minutes = new TreeMap<>(perMinute);
        b.append("minutes: ").append(minutes.size()).append('\n');
        if (!minutes.isEmpty()) {
            b.append("first minute: ").append(minutes.firstKey()).append(' ')
                    .append(minutes.firstEntry().getValue()[0]).append('\n');
        }
        List<Map.Entry<String, long[]>> busiest = new ArrayList<>(minutes.entrySet());
        busiest.sort((x, y) -> x.getValue()[0] != y.getValue()[0] ? Long.compare(y.getValue()[0], x.getValue()[0])
                : x.getKey().compareTo(y.getKey()));
        for (Map.Entry<String, long[]> e : busiest.subList(0, Math.min(3, busiest.size()))) {
            b.append("busy minute: ").append(e.getKey()).append(' ').append(e.getValue()[0]).append('\n');
        }
        StringBuilder all = new StringBuilder();
        minutes.forEach((k, v) -> all.append(k).append(' ').append(v[0]).append('\n'));
        b.append("minutes sha256: ").append(sha256(all.toString())).append('\n');
        return b.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
