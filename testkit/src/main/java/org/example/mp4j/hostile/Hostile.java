package org.example.mp4j.hostile;

import java.io.Serializable;

/**
 * Stands for a gadget class: its static initialiser "does something" (records that it ran). Never create one
 * in the test JVM's own class loader; use {@code io.github.mp4j.testkit.IsolatedSamples.hostile()}.
 */
public class Hostile implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        HostileFlag.record();
    }

    private String command = "rm -rf /";

    /** A hostile instance (runs the static initialiser in the caller's loader). */
    public Hostile() {
    }

    /** The field that a gadget would act on. */
    public String getCommand() {
        return command;
    }

    /** Sets the command. */
    public void setCommand(String command) {
        this.command = command;
    }

    @Override
    public String toString() {
        return "Hostile[" + command + "]";
    }
}
