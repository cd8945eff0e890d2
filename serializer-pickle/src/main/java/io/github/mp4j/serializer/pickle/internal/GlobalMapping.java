package io.github.mp4j.serializer.pickle.internal;

/**
 * How one plain-data pickle global becomes a Java value: the Java type the {@link io.github.mp4j.TypePolicy} judges
 * it as, and the call that builds the value from the {@code REDUCE}/{@code NEWOBJ} arguments.
 */
record GlobalMapping(String javaType, Constructor constructor) {

    /** Builds the value of {@code global(*args)}; throws {@link PickleRefusal} for arguments it does not accept. */
    @FunctionalInterface
    interface Constructor {
        Object construct(Object[] args, Keys keys);
    }
}
