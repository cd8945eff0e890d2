package io.github.mp4j.serializer.kryo;

/** A class without a no-arg constructor and with final fields. */
final class Point {
    private final int x;
    private final int y;

    Point(int x, int y) {
        if (x < 0) {
            throw new IllegalArgumentException("x < 0: " + x);
        }
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
}
