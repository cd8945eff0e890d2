package io.github.mp4j.pipe.internal;

import java.nio.channels.SelectableChannel;

/**
 * What {@link Waiting} ({@link io.github.mp4j.pipe.Connections#wait}) needs of a transport: the channel it selects
 * on, whether input is already here, and the three hooks around blocking on that channel. The defaults are a
 * socket's, whose frames all arrive on the channel it selects; a transport whose bytes arrive elsewhere (the
 * shared-memory rings of {@link RingConnection}, with a doorbell socket as channel) overrides the hooks.
 * {@link AbstractConnection} implements this interface; {@code Waiting} calls it on the transport, never on a pipe
 * end, so the calls are the transport's own virtual calls, with no object made per wait.
 *
 * <p>Thread contract: every method may be called from any thread, with no lock of the connection held, while other
 * threads send or receive on it; {@link #prepareToBlock()} and {@link #doneBlocking()} come in pairs from the one
 * waiting thread.
 */
public interface WaitHooks {
    /**
     * The channel {@link io.github.mp4j.pipe.Connections#wait} selects on for {@code OP_READ}; never read from.
     */
    SelectableChannel selectableChannel();

    /**
     * Whether a frame or end of stream is already here, so a receive would not wait for the transport. False when
     * another thread is receiving.
     */
    boolean readyNow();

    /**
     * Called by {@link Waiting} before it blocks on {@link #selectableChannel()}: a transport whose bytes do not
     * all arrive on that channel announces here that it parks, so the peer rings it. Returns true if input turned
     * up meanwhile (the caller then does not block). Sockets: nothing to do, false.
     */
    default boolean prepareToBlock() {
        return false;
    }

    /** Called by {@link Waiting} after it blocked, whatever woke it: withdraws what {@link #prepareToBlock} said. */
    default void doneBlocking() {
    }

    /**
     * Called by {@link Waiting} when {@link #selectableChannel()} was selected: whether that means input (sockets:
     * always). A transport whose channel only carries wake-ups (the rings' doorbell) consumes them here and says
     * whether input is really there, so a stale wake-up is not reported as a connection ready to receive.
     */
    default boolean selectedReady() {
        return true;
    }
}
