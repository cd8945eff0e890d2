package io.github.mp4j.serializer.protobuf;

import java.util.concurrent.atomic.AtomicBoolean;

/** A class that is not a protobuf message, with a static initialiser that records that it ran. */
public final class NotAMessage {
    /** Set by the static initialiser. */
    public static final AtomicBoolean INITIALISED = InitFlag.FLAG;

    static {
        InitFlag.FLAG.set(true);
    }

    private NotAMessage() {
    }

    /** Holds the flag outside NotAMessage, so reading it does not initialise NotAMessage. */
    public static final class InitFlag {
        /** Whether NotAMessage's initialiser ran. */
        public static final AtomicBoolean FLAG = new AtomicBoolean();

        private InitFlag() {
        }
    }
}
