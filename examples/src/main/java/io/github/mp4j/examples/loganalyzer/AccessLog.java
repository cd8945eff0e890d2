package io.github.mp4j.examples.loganalyzer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a seeded, generated web server access log in the common log format with referrer and user agent, about
 * 120 bytes a line, e.g.
 *
 * <pre>
 * 10.3.7.41 - - [01/Dec/2026:00:00:00 +0000] "GET /api/v1/items HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (X11; Linux)"
 * </pre>
 * The same seed and line count always give the same file, byte for byte. Time starts at 01/Dec/2026 00:00:00 and
 * moves on 0 to 170 ms a line, so 2M lines span about two days (about 2,800 distinct minutes).
 */
public final class AccessLog {
    /** The seed of the default log. */
    public static final long SEED = 20261201L;

    static final String[] PATHS = {
        "/", "/index.html", "/login", "/logout", "/search", "/cart", "/checkout", "/favicon.ico", "/robots.txt",
        "/static/app.js", "/static/app.css", "/static/logo.png", "/static/vendor.js", "/static/fonts/inter.woff2",
        "/api/v1/items", "/api/v1/items/detail", "/api/v1/users", "/api/v1/users/me", "/api/v1/orders",
        "/api/v1/orders/history", "/api/v1/cart", "/api/v1/search", "/api/v1/recommendations", "/api/v2/items",
        "/api/v2/events", "/api/v2/metrics", "/health", "/metrics", "/admin", "/admin/reports", "/docs",
        "/docs/getting-started", "/blog", "/blog/feed.xml", "/images/banner.jpg", "/images/thumb.jpg",
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"};
    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 304, 304,
        301, 302, 400, 401, 403, 404, 404, 404, 500, 502, 503};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Windows NT 10.0; Win64)", "curl/8.5.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X)", "python-requests/2.31", "Googlebot/2.1",
    };
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);

    private AccessLog() {
    }

    /** Writes {@code lines} lines generated from {@code seed} to {@code file}, replacing it; returns its size. */
    public static long write(Path file, int lines, long seed) throws IOException {
        Random r = new Random(seed);
        LocalDateTime start = LocalDateTime.of(2026, 12, 1, 0, 0, 0);
        long millis = 0;
        long stampSecond = -1;
        String stamp = "";
        StringBuilder b = new StringBuilder(160);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < lines; i++) {
                millis += r.nextInt(171);
                long second = millis / 1000;
                if (second != stampSecond) {
                    stampSecond = second;
                    stamp = start.plusSeconds(second).format(STAMP);
                }
                int status = STATUSES[r.nextInt(STATUSES.length)];
                b.setLength(0);
                b.append("10.").append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.')
                        .append(r.nextInt(256)).append(" - - [").append(stamp).append(" +0000] \"")
                        .append(METHODS[r.nextInt(METHODS.length)]).append(' ')
                        .append(PATHS[r.nextInt(PATHS.length)]).append(" HTTP/1.1\" ").append(status).append(' ');
                if (status == 304 || r.nextInt(50) == 0) {
                    b.append('-');
                } else {
                    b.append(r.nextInt(60_000));
                }
                b.append(" \"-\" \"").append(AGENTS[r.nextInt(AGENTS.length)]).append("\"\n");
                out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return Files.size(file);
    }
}
