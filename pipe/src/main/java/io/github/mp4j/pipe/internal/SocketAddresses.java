package io.github.mp4j.pipe.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Parses the address strings of {@link io.github.mp4j.pipe.Listener} and {@link io.github.mp4j.pipe.Client}: a
 * string containing {@code '/'}, or containing no {@code ':'} at all, is a Unix socket path (a bare name such as
 * {@code "relname.sock"} is relative to the current directory, as CPython's {@code Listener} takes it); otherwise
 * {@code host:port} (IPv6 as {@code [::1]:port}). An empty host or {@code localhost} means the loopback address.
 */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /**
     * The socket address the string names.
     *
     * @throws IllegalArgumentException if it is empty, or {@code host:port} without a port in 0..65535
     * @throws UnknownHostException if the host cannot be resolved
     */
    public static SocketAddress parse(String address) throws UnknownHostException {
        Objects.requireNonNull(address, "address");
        if (address.isEmpty()) {
            throw new IllegalArgumentException("address is empty: give a Unix socket path or host:port");
        }
        if (isUnix(address)) {
            return UnixDomainSocketAddress.of(address);
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no numeric port after the last ':'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535 in address '" + address + "'");
        }
        InetAddress ip = host.isEmpty() || host.equalsIgnoreCase("localhost")
                ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        return new InetSocketAddress(ip, port);
    }

    /** Whether the string names a Unix socket path: it contains {@code '/'}, or no {@code ':'}. */
    public static boolean isUnix(String address) {
        return address.indexOf('/') >= 0 || address.indexOf(':') < 0;
    }

    /** The address string for a bound or connected socket address: the path, or {@code host:port}. */
    public static String format(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return ((UnixDomainSocketAddress) address).getPath().toString();
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
