package io.github.mp4j.spi.fakes;

/** A test provider named {@code "odd"}. */
public final class OddProvider extends CountingSerializer {
    /** Records its creation. */
    public OddProvider() {
        super("odd");
    }
}
