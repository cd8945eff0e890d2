package io.github.mp4j.pipe.internal.attach;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.RingSetup;
import io.github.mp4j.pipe.internal.AbstractConnection;
import io.github.mp4j.pipe.internal.Handshake;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;

/** The attaching side: connects to another process's {@link AttachService} and attaches one offered object. */
public final class AttachClient {
    private AttachClient() {
    }

    /**
     * Connects to the service at {@code address} with {@code options} (its authkey must be the service's key; a
     * connection kept in {@link PreDialed} for that address and key is used instead of a new one),
     * asks for the object offered there as {@code kind} under {@code id}, and returns the connection once the
     * service said OK and both ends agreed on the transport ({@link RingSetup}: shared-memory rings unless
     * {@code options.transport()} or the service's kind keeps the socket). The caller has checked the address against its handle rules.
     *
     * @param what the object in messages, e.g. {@code "the pipe end handed over by process 42@host"}
     * @throws IOException starting {@code "cannot attach <what>: "}: the process is gone or no longer serves it,
     *     or it refused (the object was closed there or already attached in another process)
     */
    public static AbstractConnection attach(ConnectionOptions options, String address, String kind, String id,
                                          String what) throws IOException {
        AbstractConnection c;
        try {
            c = PreDialed.take(address, options.authkey(), options); // a warm spare's channel to its parent
            if (c == null) {
                c = Handshake.dial(options, address);
            }
        } catch (IOException e) {
            throw new IOException("cannot attach " + what + ": that process is gone or no longer serves it ("
                    + e.getMessage() + ")", e);
        }
        try {
            c.sendBytes(AttachRequest.encode(kind, id, LocalProcess.id()));
            String reply = new String(c.receiveBytes(AttachRequest.MAX_LENGTH,
                    Deadline.after(AttachService.REQUEST_TIMEOUT)), UTF_8);
            if (!reply.equals(AttachRequest.OK)) {
                throw new IOException("cannot attach " + what + ": " + (reply.startsWith(AttachRequest.ERR)
                        ? reply.substring(AttachRequest.ERR.length()) : "unexpected answer " + reply));
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        try {
            return RingSetup.join(c, RingSetup.transportOver(c, options.transport()),
                    Deadline.after(AttachService.REQUEST_TIMEOUT));
        } catch (IOException e) {
            throw new IOException("cannot attach " + what + ": " + e.getMessage(), e);
        }
    }
}
