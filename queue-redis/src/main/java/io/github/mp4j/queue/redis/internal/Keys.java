package io.github.mp4j.queue.redis.internal;

import java.nio.charset.StandardCharsets;

/**
 * The Redis keys of one queue. Every key starts with {@code mp4j:{NAME}:} (the braces keep a queue's keys in one
 * hash slot):
 * <ul>
 *   <li>{@code items}: LIST of waiting items, head (left) first; a put appends at the right</li>
 *   <li>{@code meta}: HASH {@code kind}, {@code maxsize}, {@code serializer}, {@code onWorkerDeath}, counters</li>
 *   <li>{@code leases}: ZSET of taker ids scored by lease expiry (ms, Redis server clock)</li>
 *   <li>{@code inflight:TAKER}: LIST of items a taker moved out of {@code items} that no get returned yet (being
 *   decoded, or taken ahead)</li>
 *   <li>{@code taken:TAKER}: LIST of a taker's joinable tasks not yet marked done</li>
 *   <li>{@code unfinished}: integer, a joinable queue's unfinished tasks</li>
 *   <li>{@code room}, {@code done}: LISTs of wake-up tokens for waiting puts and joins</li>
 *   <li>{@code holder}: STRING, the one taker that holds items taken ahead of its gets, absent when none does
 *   (see {@link Scripts#STEP})</li>
 * </ul>
 */
final class Keys {
    final String name;
    final String prefix;
    final byte[] items;
    final byte[] meta;
    final byte[] leases;
    final byte[] inflight;
    final byte[] taken;
    final byte[] unfinished;
    final byte[] room;
    final byte[] done;
    final byte[] holder;

    Keys(String name, String taker) {
        this.name = name;
        this.prefix = "mp4j:{" + name + "}:";
        this.items = key("items");
        this.meta = key("meta");
        this.leases = key("leases");
        this.inflight = key("inflight:" + taker);
        this.taken = key("taken:" + taker);
        this.unfinished = key("unfinished");
        this.room = key("room");
        this.done = key("done");
        this.holder = key("holder");
    }

    byte[] prefixBytes() {
        return bytes(prefix);
    }

    private byte[] key(String suffix) {
        return bytes(prefix + suffix);
    }

    static byte[] number(long n) {
        return bytes(Long.toString(n));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a queue name: 1 to 200 characters, none of them braces, blanks or control characters.
     *
     * @throws IllegalArgumentException naming the broken condition
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a Redis queue name must have 1 to 200 characters, got "
                    + (name == null ? "null" : name.length() + ": '" + name + "'"));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '{' || c == '}' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a Redis queue name must not contain braces, blanks or control "
                        + "characters, got '" + name + "' (character " + i + ")");
            }
        }
        return name;
    }
}
