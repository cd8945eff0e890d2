package io.github.mp4j.testkit;

import io.github.mp4j.internal.LocalProcess;

/**
 * This process as error messages name it ({@code pid@host}), for tests of modules that the api does not export its
 * internal package to (the serializers: their own code gets the id through {@code MissingTypeException}).
 */
public final class ThisProcess {
    private ThisProcess() {
    }

    /** This process as {@code pid@host}, the value {@code MissingTypeException#process()} carries. */
    public static String id() {
        return LocalProcess.id();
    }
}
