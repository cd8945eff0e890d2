package io.github.mp4j.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The identity of this process in error messages: {@code pid@host}. Internal: mp4j's own modules read it (a
 * qualified export); a serializer written elsewhere gets it through
 * {@link io.github.mp4j.MissingTypeException#MissingTypeException(String, String, byte[], Throwable)}.
 */
public final class LocalProcess {
    private static final String ID = ProcessHandle.current().pid() + "@" + hostName();

    private LocalProcess() {
    }

    /** This process as {@code pid@host}, e.g. {@code 4242@build-01}. */
    public static String id() {
        return ID;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
