package org.example.mp4j.samples;

import java.io.Serializable;
import org.example.mp4j.hostile.FinalHostile;

/**
 * An allowed sample type whose field's declared type is a final class the sample policy refuses (a bean: Kryo's field
 * serializer and Jackson both build it).
 */
public final class FinalFieldHolder implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A label. */
    public String label;
    /** The held value, of a final refused type. */
    public FinalHostile hostile;

    /** An empty holder. */
    public FinalFieldHolder() {
    }

    /** A holder of {@code hostile}. */
    public FinalFieldHolder(String label, FinalHostile hostile) {
        this.label = label;
        this.hostile = hostile;
    }
}
