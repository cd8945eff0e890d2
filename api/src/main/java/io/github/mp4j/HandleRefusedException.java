package io.github.mp4j;

/**
 * A received message carries a handle (a {@link Connection} end or a queue handed over by another process) that
 * asks for more than this process allows: a serializer it does not have or does not use on the connection the
 * handle came through, a TCP address where it did not opt in, or a Unix socket outside an mp4j private directory of
 * this user. Nothing was connected to; the message is consumed and the connection stays usable. The message says
 * what was refused and what to do.
 */
public class HandleRefusedException extends DecodeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param serializer the serializer that decoded the payload
     * @param message what was refused and what to do
     * @param payload the raw payload (copied), or null when not yet known
     */
    public HandleRefusedException(String serializer, String message, byte[] payload) {
        super(serializer, message, payload, null);
    }
}
