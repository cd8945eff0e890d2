package io.github.mp4j.serializer.kryo;

import java.io.Serializable;

/**
 * Stands for mp4j's Connection/queue handles: written as a {@link Ticket} by writeReplace and re-attached by the
 * ticket's readResolve, which marks the result as re-attached.
 */
final class ReplacedHandle implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient String address;
    private final transient boolean reattached;

    ReplacedHandle(String address, boolean reattached) {
        this.address = address;
        this.reattached = reattached;
    }

    String address() {
        return address;
    }

    boolean reattached() {
        return reattached;
    }

    private Object writeReplace() {
        return new Ticket(address);
    }

    /** What travels: the address only. */
    static final class Ticket implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String address;

        Ticket(String address) {
            this.address = address;
        }

        private Object readResolve() {
            return new ReplacedHandle(address, true);
        }
    }
}
