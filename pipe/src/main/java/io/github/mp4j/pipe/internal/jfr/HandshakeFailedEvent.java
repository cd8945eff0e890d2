package io.github.mp4j.pipe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event {@code mp4j.HandshakeFailed}: an authkey challenge failed or timed out, with the peer's address. */
@Name("mp4j.HandshakeFailed")
@Label("Handshake failed")
@Category("mp4j")
@Description("The authkey challenge with a peer failed, was refused or did not finish in time")
@StackTrace(false)
public final class HandshakeFailedEvent extends jdk.jfr.Event {
    @Label("Peer")
    public String peer;

    @Label("Side")
    @Description("serving (we challenged the peer) or connecting (the peer challenged us)")
    public String side;

    @Label("Reason")
    public String reason;

    /** Commits one event when a recording wants it. */
    public static void emit(String peer, boolean serving, String reason) {
        HandshakeFailedEvent e = new HandshakeFailedEvent();
        if (e.shouldCommit()) {
            e.peer = peer;
            e.side = serving ? "serving" : "connecting";
            e.reason = reason;
            e.commit();
        }
    }
}
