package org.example.mp4j.hostile;

import java.io.Serializable;

/**
 * A final gadget class: Kryo writes no class name for a field whose declared type is final, so a payload can hold one
 * without naming it. Its static initialiser records that it ran ({@link HostileFlag#finalInitialised()}). Never create
 * one in the test JVM's own class loader; use {@code io.github.mp4j.testkit.IsolatedSamples.holderOfFinalHostile()}.
 */
public final class FinalHostile implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        HostileFlag.recordFinal();
    }

    private String command = "rm -rf /";

    /** A hostile instance (runs the static initialiser in the caller's loader). */
    public FinalHostile() {
    }

    @Override
    public String toString() {
        return "FinalHostile[" + command + "]";
    }
}
