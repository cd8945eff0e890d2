package io.github.mp4j.serializer.kryo.internal;

import java.util.Arrays;

/**
 * The UTF-8 bytes of class names the current policy already allowed, with their classes, so a payload's class name
 * is recognised in the payload itself: no string is built and nothing is hashed. Holds the {@value #SIZE} names
 * used most recently (a connection sends few types); filled and emptied by {@link PolicyClassResolver}, which
 * empties it whenever the policy or the class loader changes, so a name here always passed the current policy.
 */
final class AllowedNameBytes {
    private static final int SIZE = 16;
    private final byte[][] names = new byte[SIZE][];
    private final Class<?>[] classes = new Class<?>[SIZE];
    private int size;
    /** Where the next name goes once the table is full (the oldest entry). */
    private int next;

    /** The class whose name is {@code buffer[from, from + length)}, or null. */
    Class<?> find(byte[] buffer, int from, int length) {
        for (int i = 0; i < size; i++) {
            byte[] name = names[i];
            if (name.length == length && Arrays.equals(name, 0, length, buffer, from, from + length)) {
                return classes[i];
            }
        }
        return null;
    }

    /** Remembers that the name {@code buffer[from, from + length)} resolved to {@code type}. */
    void add(byte[] buffer, int from, int length, Class<?> type) {
        int i = size < SIZE ? size++ : next++ % SIZE;
        names[i] = Arrays.copyOfRange(buffer, from, from + length);
        classes[i] = type;
    }

    /** Forgets every name. */
    void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(classes, 0, size, null);
        size = 0;
        next = 0;
    }
}
