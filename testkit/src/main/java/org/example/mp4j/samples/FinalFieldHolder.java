package org.example.mp4j.samples;

import java.io.Serializable;
import org.example.mp4j.hostile.FinalHostile;

/** An allowed sample type whose field's declared type is a final class the sample policy refuses. */
public final class FinalFieldHolder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final FinalHostile hostile;

    /** A holder of {@code hostile}. */
    public FinalFieldHolder(String label, FinalHostile hostile) {
        this.label = label;
        this.hostile = hostile;
    }

    /** The label. */
    public String label() {
        return label;
    }

    /** The held value. */
    public Object hostile() {
        return hostile;
    }
}
