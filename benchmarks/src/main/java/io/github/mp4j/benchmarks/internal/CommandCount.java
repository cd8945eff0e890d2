package io.github.mp4j.benchmarks.internal;

import java.net.URI;
import redis.clients.jedis.Jedis;

/**
 * The number of commands a Redis server has run since its statistics were last reset ({@code INFO commandstats}):
 * the difference across a run, divided by its items, is what the run costs the server per item. Commands a Lua
 * script runs count too, so round trips are the commands minus those run inside scripts; {@link #scripts} counts
 * the scripts ({@code EVALSHA}, {@code EVAL}) themselves.
 */
public final class CommandCount {
    private CommandCount() {
    }

    /** The server's total command count now (commands run inside scripts included). */
    public static long total(String uri) {
        return count(uri, "cmdstat_");
    }

    /** The scripts the server has run ({@code EVALSHA} and {@code EVAL}). */
    public static long scripts(String uri) {
        return count(uri, "cmdstat_eval");
    }

    /** The CPU time {@code redis-server} has used so far, user plus system, in microseconds ({@code INFO cpu}). */
    public static long serverCpuMicros(String uri) {
        URI u = URI.create(uri);
        try (Jedis j = new Jedis(u.getHost(), u.getPort())) {
            double seconds = 0;
            for (String line : j.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return Math.round(seconds * 1e6);
        }
    }

    private static long count(String uri, String prefix) {
        URI u = URI.create(uri);
        try (Jedis j = new Jedis(u.getHost(), u.getPort())) {
            long sum = 0;
            for (String line : j.info("commandstats").split("\r?\n")) {
                int at = line.indexOf("calls=");
                if (line.startsWith(prefix) && at >= 0) {
                    int end = line.indexOf(',', at);
                    sum += Long.parseLong(line.substring(at + "calls=".length(), end < 0 ? line.length() : end));
                }
            }
            return sum;
        }
    }
}
