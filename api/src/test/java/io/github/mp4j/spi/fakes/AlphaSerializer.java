package io.github.mp4j.spi.fakes;

/** A test provider named {@code "alpha"}. */
public final class AlphaSerializer extends CountingSerializer {
    /** Records its creation. */
    public AlphaSerializer() {
        super("alpha");
    }
}
