package io.github.mp4j.spi.fakes;

/** A test provider named {@code "beta"}. */
public final class BetaSerializer extends CountingSerializer {
    /** Records its creation. */
    public BetaSerializer() {
        super("beta");
    }
}
