package io.github.mp4j.serializer.kryo.internal;

import java.util.Arrays;

/**
 * The classes named so far in one payload, in the order they were first named. A payload names few classes, so a
 * linear search by identity beats hashing, and clearing between payloads only resets a count.
 */
final class ClassTable {
    private Class<?>[] classes = new Class<?>[8];
    private int size;

    /** The index of {@code type}, or -1. */
    int indexOf(Class<?> type) {
        for (int i = 0; i < size; i++) {
            if (classes[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** The class at {@code index}, or null if there is none yet. */
    Class<?> get(int index) {
        return index >= 0 && index < size ? classes[index] : null;
    }

    /** Appends {@code type} and returns its index. */
    int add(Class<?> type) {
        if (size == classes.length) {
            classes = Arrays.copyOf(classes, size * 2);
        }
        classes[size] = type;
        return size++;
    }

    int size() {
        return size;
    }

    /** Empties the table, dropping the references so no class is kept alive by an idle session. */
    void clear() {
        Arrays.fill(classes, 0, size, null);
        size = 0;
    }
}
