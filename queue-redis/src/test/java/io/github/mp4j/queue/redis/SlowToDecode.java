package io.github.mp4j.queue.redis;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * An item whose JDK decoding never ends in a process where the system property {@code mp4j.test.hangInDecode} is
 * true: it keeps a consumer inside {@code get}, holding the item in flight, until it is killed. A class, not a record:
 * java serialization ignores a record's {@code readObject}, so a record would never hang.
 */
public final class SlowToDecode implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;

    public SlowToDecode(String id) {
        this.id = id;
    }

    /** What the item is. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlowToDecode && java.util.Objects.equals(((SlowToDecode) o).id, id);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return "SlowToDecode[id=" + id + "]";
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (Boolean.getBoolean("mp4j.test.hangInDecode")) {
            try {
                Thread.sleep(Long.MAX_VALUE); // holds the item in flight until this process is killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
