package io.github.mp4j.pipe.internal.attach;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The first frame an attaching process sends, {@code "ATTACH <kind> <id> <process>"}, and the service's answer:
 * {@code "OK"}, or {@code "ERR <reason>"} before the service closes the connection.
 */
final class AttachRequest {
    static final String ATTACH = "ATTACH";
    static final String OK = "OK";
    static final String ERR = "ERR ";
    /** The largest request or answer frame. */
    static final int MAX_LENGTH = 1024;

    final String kind;
    final String id;
    final String process;

    private AttachRequest(String kind, String id, String process) {
        this.kind = kind;
        this.id = id;
        this.process = process;
    }

    static byte[] encode(String kind, String id, String process) {
        return (ATTACH + " " + kind + " " + id + " " + process).getBytes(UTF_8);
    }

    /** The request in {@code frame}, or null if it is not one. */
    static AttachRequest parse(byte[] frame) {
        String[] parts = new String(frame, UTF_8).split(" ");
        if (parts.length != 4 || !parts[0].equals(ATTACH)) {
            return null;
        }
        return new AttachRequest(parts[1], parts[2], parts[3]);
    }
}
