package com.example.pipetest;

import java.io.Serializable;

/** An application type outside the default {@link io.github.mp4j.TypePolicy}. */
public final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int x;
    private final int y;

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
