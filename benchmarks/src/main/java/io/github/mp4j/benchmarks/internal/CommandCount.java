package io.github.mp4j.benchmarks.internal;

import java.net.URI;
import redis.clients.jedis.Jedis;

/**
 * The number of commands a Redis server has run since its statistics were last reset ({@code INFO commandstats},
 * the sum of every command's {@code calls}): the difference across a run, divided by its items, is the commands
 * (one round trip each, or one script) that run costs per item.
 */
public final class CommandCount {
    private CommandCount() {
    }

    /** The server's total command count now. */
    public static long total(String uri) {
        URI u = URI.create(uri);
        try (Jedis j = new Jedis(u.getHost(), u.getPort())) {
            long sum = 0;
            for (String line : j.info("commandstats").split("\r?\n")) {
                int at = line.indexOf("calls=");
                if (line.startsWith("cmdstat_") && at >= 0) {
                    int end = line.indexOf(',', at);
                    sum += Long.parseLong(line.substring(at + "calls=".length(), end < 0 ? line.length() : end));
                }
            }
            return sum;
        }
    }
}
