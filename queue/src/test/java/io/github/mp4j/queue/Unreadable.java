package io.github.mp4j.queue;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** An item that encodes and that no process can decode (its {@code readObject} refuses): a decode failure in get. */
final class Unreadable implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The message of the refusal. */
    static final String REFUSAL = "Unreadable refuses to be read";

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException(REFUSAL);
    }
}
