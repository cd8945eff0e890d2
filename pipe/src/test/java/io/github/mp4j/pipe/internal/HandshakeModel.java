package io.github.mp4j.pipe.internal;

import io.github.mp4j.AuthenticationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * What CPython's {@code multiprocessing.connection} handshake does with hostile input, written from CPython's
 * {@code answer_challenge}/{@code deliver_challenge} and {@code _get_digest_name_and_payload}: which exception,
 * with which message, a garbage challenge or response must raise. Frames are read as
 * {@link SocketConnection#receiveBytes} reads them with the handshake's 256-byte cap.
 */
final class HandshakeModel {
    static final int CAP = 256;
    static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    /** Allowed digests and their HMAC lengths (CPython's {@code _ALLOWED_DIGESTS}). */
    static final Map<String, Integer> DIGESTS = Map.of("md5", 16, "sha256", 32, "sha384", 48, "sha3_256", 32,
            "sha3_384", 48);
    private static final int MAX_DIGEST_NAME = 8;
    private static final int READ_BUFFER = 64 * 1024;

    private HandshakeModel() {
    }

    /** A frame read from a stream, and where the next one starts. */
    private static final class Read {
        final byte[] frame;
        final int next;

        Read(byte[] frame, int next) {
            this.frame = frame;
            this.next = next;
        }
    }

    /** The exception a listener's {@code accept()} raises when the client sends {@code stream} as its response. */
    static IOException listenerSees(byte[] stream, long maxFrameLength) {
        Object r = readCapped(stream, 0, maxFrameLength);
        if (r instanceof IOException) {
            return (IOException) r;
        }
        byte[] response = ((Read) r).frame;
        String name;
        byte[] payload;
        try {
            String[] parsed = new String[1];
            payload = parse(response, parsed);
            name = parsed[0].isEmpty() ? "md5" : parsed[0];
        } catch (AuthenticationException e) {
            return e;
        }
        int expected = DIGESTS.get(name);
        if (expected != payload.length) {
            return new AuthenticationException("expected '" + name + "' of length " + expected + " got "
                    + payload.length);
        }
        return new AuthenticationException("digest received was wrong");
    }

    /**
     * The exception {@code Client.connect} raises when the listener sends {@code stream} (challenge, then
     * verdict), or null if the model expects it to get past the verdict (never for generated garbage).
     */
    static IOException clientSees(byte[] stream, long maxFrameLength) {
        Object r = readCapped(stream, 0, maxFrameLength);
        if (r instanceof IOException) {
            return (IOException) r;
        }
        byte[] frame = ((Read) r).frame;
        if (frame.length < CHALLENGE.length || !Arrays.equals(frame, 0, CHALLENGE.length, CHALLENGE, 0,
                CHALLENGE.length)) {
            return new AuthenticationException("Protocol error, expected challenge: got a frame of " + frame.length
                    + " bytes without the #CHALLENGE# prefix");
        }
        byte[] message = Arrays.copyOfRange(frame, CHALLENGE.length, frame.length);
        if (message.length < 20) {
            return new AuthenticationException("challenge too short: " + message.length + " bytes");
        }
        try {
            parse(message, new String[1]);
        } catch (AuthenticationException e) {
            return e;
        }
        Object verdict = readCapped(stream, ((Read) r).next, maxFrameLength);
        if (verdict instanceof IOException) {
            return (IOException) verdict;
        }
        return Arrays.equals(((Read) verdict).frame, WELCOME) ? null
                : new AuthenticationException("digest sent was rejected");
    }

    /**
     * CPython's {@code _get_digest_name_and_payload}: returns the payload and puts the digest name ("" for a
     * legacy 16- or 20-byte message) into {@code name[0]}.
     */
    static byte[] parse(byte[] message, String[] name) throws AuthenticationException {
        if (message.length == 16 || message.length == 20) {
            name[0] = "";
            return message;
        }
        if (message.length > 0 && message[0] == '{') {
            for (int i = 1; i < Math.min(message.length, MAX_DIGEST_NAME + 2); i++) {
                if (message[i] == '}') {
                    String digest = new String(message, 1, i - 1, StandardCharsets.US_ASCII);
                    if (DIGESTS.containsKey(digest)) {
                        name[0] = digest;
                        return Arrays.copyOfRange(message, i + 1, message.length);
                    }
                    break;
                }
            }
        }
        throw new AuthenticationException("unsupported message length, missing digest prefix, or unsupported"
                + " digest: message of " + message.length + " bytes");
    }

    /**
     * One frame of at most {@link #CAP} bytes from {@code stream} at {@code from}, or the exception reading it
     * raises. A longer frame is "bad message length" once its header is in, unless it would fit the 64 KiB read
     * buffer and is cut short: that is a truncated frame, as the reader waits for small frames whole.
     */
    private static Object readCapped(byte[] stream, int from, long maxFrameLength) {
        byte[] rest = Arrays.copyOfRange(stream, from, stream.length);
        FrameModel.Outcome o = FrameModel.read(rest, maxFrameLength);
        if (!o.frames.isEmpty()) {
            byte[] f = o.frames.get(0);
            if (f.length > CAP) {
                return new IOException("bad message length");
            }
            int header = ByteBuffer.wrap(rest).getInt() == -1 ? 12 : 4;
            return new Read(f, from + header + f.length);
        }
        if (o.end instanceof io.github.mp4j.TruncatedFrameException && rest.length >= 4) {
            ByteBuffer b = ByteBuffer.wrap(rest);
            int header = b.getInt(0) == -1 ? 12 : 4;
            if (rest.length >= header) {
                long length = header == 12 ? b.getLong(4) : b.getInt(0);
                if (length > CAP && header + length > READ_BUFFER) {
                    return new IOException("bad message length");
                }
            }
        }
        return o.end;
    }
}
