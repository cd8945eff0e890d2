package io.github.mp4j.pipe.internal.share;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.mp4j.Connection;
import io.github.mp4j.pipe.Client;
import io.github.mp4j.pipe.ConnectionOptions;
import io.github.mp4j.pipe.internal.Deadline;
import io.github.mp4j.pipe.internal.SocketConnection;
import io.github.mp4j.spi.HandleRules;
import io.github.mp4j.internal.LocalProcess;
import java.io.IOException;
import java.time.Duration;

/** The attaching side of a hand-over: connects to the exporter's {@link HandoffServer} and claims the end. */
final class HandoffClient {
    static final String ATTACH = "ATTACH ";
    static final String OK = "OK";
    static final String ERR = "ERR ";
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private HandoffClient() {
    }

    /**
     * Attaches the end that {@code h} names and returns its socket, configured with {@code options}. The address
     * is checked against {@code rules} once more first (it was checked when the handle was decoded; the directory
     * may have appeared since).
     *
     * @throws io.github.mp4j.HandleRefusedException if the rules refuse the address now; nothing is connected
     * @throws IOException naming the exporter if it is gone or refuses (e.g. the end is attached elsewhere)
     */
    static Connection attach(PipeEndHandle h, ConnectionOptions options, HandleRules rules) throws IOException {
        rules.checkAddress(h.serverAddress(), h.describe());
        SocketConnection c;
        try {
            c = (SocketConnection) Client.connect(
                    options.toBuilder().authkey(h.serverKey()).build(), h.serverAddress());
        } catch (IOException e) {
            throw new IOException("cannot attach the pipe end handed over by process " + h.exporter()
                    + ": that process is gone or no longer serves it (" + e.getMessage() + ")", e);
        }
        try {
            c.sendBytes((ATTACH + h.token() + " " + LocalProcess.id()).getBytes(UTF_8));
            String reply = new String(c.receiveBytes(1024, Deadline.after(REPLY_TIMEOUT)), UTF_8);
            if (!reply.equals(OK)) {
                throw new IOException("process " + h.exporter() + " refused to hand over the pipe end: "
                        + (reply.startsWith(ERR) ? reply.substring(ERR.length()) : reply));
            }
            return c.rewrap(options, h.readable(), h.writable());
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
