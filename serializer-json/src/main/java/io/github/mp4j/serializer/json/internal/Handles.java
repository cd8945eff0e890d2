package io.github.mp4j.serializer.json.internal;

import io.github.mp4j.Connection;
import io.github.mp4j.SerializationException;
import io.github.mp4j.SimpleQueue;

/**
 * Recognises mp4j's connection and queue handles, which travel between processes through {@code writeReplace}
 * (java.io serialization) and so cannot be carried by JSON.
 */
public final class Handles {
    private static final ClassValue<Boolean> IS_HANDLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return Connection.class.isAssignableFrom(type) || SimpleQueue.class.isAssignableFrom(type)
                    || (type.getName().startsWith("io.github.mp4j.") && declaresWriteReplace(type));
        }
    };

    private Handles() {
    }

    /** Whether values of {@code type} are mp4j connections, queues or other handles replaced on serialization. */
    public static boolean isHandle(Class<?> type) {
        return IS_HANDLE.get(type);
    }

    /** The error for trying to encode a handle of class {@code type} with the json serializer. */
    public static SerializationException refusal(String serializer, Class<?> type) {
        return new SerializationException(serializer, "serializer " + serializer + " cannot carry "
                + type.getName() + " (a Connection or queue); use jdk or kryo", null);
    }

    private static boolean declaresWriteReplace(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("writeReplace");
                return true;
            } catch (NoSuchMethodException e) {
                // not declared here; look at the superclass
            }
        }
        return false;
    }
}
