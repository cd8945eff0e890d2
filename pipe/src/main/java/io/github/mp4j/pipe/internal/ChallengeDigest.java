package io.github.mp4j.pipe.internal;

import io.github.mp4j.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC digests CPython's authkey handshake allows ({@code md5, sha256, sha384, sha3_256, sha3_384}) and the
 * parsing of {@code {digest}payload} messages, as {@code _get_digest_name_and_payload} does.
 */
final class ChallengeDigest {
    /** The digest a challenge without prefix (CPython <= 3.11) and a 16-byte raw response imply. */
    static final String LEGACY = "md5";
    private static final int MD5ONLY_MESSAGE_LENGTH = 20;
    private static final int MD5_DIGEST_LENGTH = 16;
    private static final int MAX_DIGEST_NAME = 8;

    /** A digest name (empty for legacy) and the bytes after its prefix. */
    static final class Parsed {
        final String name;
        final byte[] payload;

        Parsed(String name, byte[] payload) {
            this.name = name;
            this.payload = payload;
        }
    }

    private ChallengeDigest() {
    }

    /**
     * Splits a challenge or response into digest name and payload: 16- or 20-byte messages are legacy (name
     * {@code ""}), anything else must start with {@code {digest}} naming an allowed digest.
     */
    static Parsed parse(byte[] message) throws AuthenticationException {
        if (message.length == MD5ONLY_MESSAGE_LENGTH || message.length == MD5_DIGEST_LENGTH) {
            return new Parsed("", message);
        }
        if (message.length > 0 && message[0] == '{') {
            int limit = Math.min(message.length, MAX_DIGEST_NAME + 2);
            for (int i = 1; i < limit; i++) {
                if (message[i] == '}') {
                    String name = new String(message, 1, i - 1, StandardCharsets.US_ASCII);
                    if (jcaName(name) != null) {
                        return new Parsed(name, Arrays.copyOfRange(message, i + 1, message.length));
                    }
                    break;
                }
            }
        }
        throw new AuthenticationException("unsupported message length, missing digest prefix, or unsupported"
                + " digest: message of " + message.length + " bytes");
    }

    /** HMAC of {@code message} under {@code key} with the CPython digest {@code name}. */
    static byte[] hmac(String name, byte[] key, byte[] message) throws AuthenticationException {
        String jca = jcaName(name);
        if (jca == null) {
            throw new AuthenticationException("response_digest='" + name + "' unsupported");
        }
        try {
            Mac mac = Mac.getInstance(jca);
            // HMAC pads keys with zeros to the block size, so an empty key equals a single zero byte; the JDK
            // refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, jca));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("response_digest='" + name + "' unsupported by this JVM: " + e);
        }
    }

    private static String jcaName(String cpythonName) {
        switch (cpythonName) {
            case "md5": return "HmacMD5";
            case "sha256": return "HmacSHA256";
            case "sha384": return "HmacSHA384";
            case "sha3_256": return "HmacSHA3-256";
            case "sha3_384": return "HmacSHA3-384";
            default: return null;
        }
    }
}
