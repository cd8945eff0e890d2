package org.example.mp4j.samples;

/** A sample enum. */
public enum Color {
    /** Red. */
    RED,
    /** Green. */
    GREEN,
    /** Blue. */
    BLUE
}
