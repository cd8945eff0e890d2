package io.github.mp4j.testkit;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Unauthenticated peers that hold connections to a server without ever finishing a handshake: idle ones connect
 * and send nothing; slow ones send one byte per second of a frame header that declares a 200-byte response (within
 * the 256-byte handshake cap), so a server reading them byte by byte waits without a protocol error. Closing stops
 * the trickle and closes every socket.
 */
public final class SlowPeers implements AutoCloseable {
    private final List<SocketChannel> channels = new ArrayList<>();
    private final List<SocketChannel> slow = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-peers");
        t.setDaemon(true);
        return t;
    });
    private int sent;

    private SlowPeers() {
    }

    /** Connects {@code idle} idle and {@code slowCount} slow peers to a Unix socket path or {@code host:port}. */
    public static SlowPeers attach(SocketAddress address, int idle, int slowCount) throws IOException {
        SlowPeers peers = new SlowPeers();
        try {
            for (int i = 0; i < idle + slowCount; i++) {
                SocketChannel ch = SocketChannel.open(address);
                peers.channels.add(ch);
                if (i >= idle) {
                    peers.slow.add(ch);
                }
            }
        } catch (IOException | RuntimeException e) {
            peers.close();
            throw e;
        }
        peers.trickle.scheduleAtFixedRate(peers::sendOneByteEach, 0, 1, TimeUnit.SECONDS);
        return peers;
    }

    /** The socket address of a path. */
    public static SocketAddress unix(String path) {
        return UnixDomainSocketAddress.of(path);
    }

    private void sendOneByteEach() {
        byte[] header = ByteBuffer.allocate(4).putInt(200).array();
        byte b = sent < header.length ? header[sent] : 0;
        sent++;
        for (SocketChannel ch : slow) {
            try {
                ch.write(ByteBuffer.wrap(new byte[] {b}));
            } catch (IOException e) {
                // the server dropped this peer: expected once it gives up on it
            }
        }
    }

    @Override
    public void close() throws IOException {
        trickle.shutdownNow();
        for (SocketChannel ch : channels) {
            ch.close();
        }
    }
}
