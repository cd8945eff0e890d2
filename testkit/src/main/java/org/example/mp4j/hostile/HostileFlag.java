package org.example.mp4j.hostile;

import java.util.concurrent.atomic.AtomicBoolean;

/** Records whether {@link Hostile}'s static initialiser ran in this class loader. Loading this class is harmless. */
public final class HostileFlag {
    private static final AtomicBoolean INITIALISED = new AtomicBoolean();

    private HostileFlag() {
    }

    /** Called by {@link Hostile}'s static initialiser. */
    static void record() {
        INITIALISED.set(true);
    }

    /** Whether {@link Hostile} has been initialised in this class loader. */
    public static boolean initialised() {
        return INITIALISED.get();
    }
}
