package io.github.mp4j.queue.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.SafeEncoder;

/** A Lua script run by its SHA1 ({@code EVALSHA}), sent in full once a server does not know it (after a restart). */
final class Script {
    private final byte[] body;
    private final byte[] sha;

    Script(String body) {
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.sha = SafeEncoder.encode(sha1Hex(this.body));
    }

    Object run(Jedis jedis, List<byte[]> keys, List<byte[]> args) {
        try {
            return jedis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return jedis.eval(body, keys, args);
        }
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
            StringBuilder s = new StringBuilder(40);
            for (byte b : d) {
                s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return s.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
