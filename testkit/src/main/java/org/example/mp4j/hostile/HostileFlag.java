package org.example.mp4j.hostile;

import java.util.concurrent.atomic.AtomicBoolean;

/** Records whether {@link Hostile}'s static initialiser ran in this class loader. Loading this class is harmless. */
public final class HostileFlag {
    private static final AtomicBoolean INITIALISED = new AtomicBoolean();
    private static final AtomicBoolean FINAL_INITIALISED = new AtomicBoolean();

    private HostileFlag() {
    }

    /** Called by {@link Hostile}'s static initialiser. */
    static void record() {
        INITIALISED.set(true);
    }

    /** Called by {@link FinalHostile}'s static initialiser. */
    static void recordFinal() {
        FINAL_INITIALISED.set(true);
    }

    /** Whether {@link FinalHostile} has been initialised in this class loader. */
    public static boolean finalInitialised() {
        return FINAL_INITIALISED.get();
    }

    /** Whether {@link Hostile} has been initialised in this class loader. */
    public static boolean initialised() {
        return INITIALISED.get();
    }
}
