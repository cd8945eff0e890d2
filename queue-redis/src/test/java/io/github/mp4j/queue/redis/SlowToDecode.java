package io.github.mp4j.queue.redis;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * An item whose JDK decoding never ends in a process where the system property {@code mp4j.test.hangInDecode} is
 * true: it keeps a consumer inside {@code get}, holding the item in flight, until it is killed.
 *
 * @param id what the item is
 */
public record SlowToDecode(String id) implements Serializable {
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
