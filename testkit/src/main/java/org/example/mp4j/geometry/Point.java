package org.example.mp4j.geometry;

import java.io.Serializable;

/**
 * A user's value type for tests: outside {@code io.github.mp4j} and outside the samples package, so
 * {@link io.github.mp4j.TypePolicy#defaults()} refuses it until a test allows it; Serializable (the JDK serializer
 * can carry it) but with final fields and no no-arg constructor (Kryo must build it without one).
 */
public final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int x;
    private final int y;

    /** The point ({@code x}, {@code y}). */
    public Point(int x, int y) {
        this.x = x;
        this.y = y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point && ((Point) o).x == x && ((Point) o).y == y;
    }

    @Override
    public int hashCode() {
        return 31 * x + y;
    }

    @Override
    public String toString() {
        return "Point(" + x + ", " + y + ")";
    }
}
