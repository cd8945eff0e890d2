package io.github.mp4j.pipe;

/**
 * What carries a connection's frames between two processes on one host ({@link ConnectionOptions#transport()}).
 *
 * <p>Whatever the choice, a connection's frames, its failure model and its {@code poll}/{@code Connections.wait}
 * behaviour are the same; only where the bytes travel changes.
 */
public enum Transport {
    /**
     * The default: shared-memory rings where both ends are known to be mp4j JVMs on one host (queue sessions and
     * other objects attached through a process's attach service), the socket everywhere else: TCP, and
     * {@link Listener}/{@link Client} connections, where a CPython peer may be at the other end (their bytes stay
     * exactly CPython's). {@link Pipe#open} keeps its socket pair while its ends are in one JVM; an end handed to
     * a child JVM attaches over rings, and the local peer end is moved onto them (frames it sent before the child
     * attached go first) so the two talk directly. A ring file that cannot be created or mapped (full disk) falls
     * back to the socket, logged as a warning.
     */
    AUTO,
    /** Always the socket, byte for byte as CPython's {@code multiprocessing.connection}. */
    SOCKET,
    /**
     * Shared-memory rings wherever both ends are mp4j JVMs on one host: attached objects (when either side asks
     * for it) and {@link Pipe#open}. If the ring file cannot be created or mapped, that connection fails with an
     * {@link java.io.IOException} saying why, instead of falling back. TCP and {@link Listener}/{@link Client}
     * connections still use the socket.
     */
    SHARED_MEMORY
}
