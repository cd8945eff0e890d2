package io.github.mp4j.spi.fakes;

/** A test provider named {@code "gamma"}. */
public final class MisnamedSerializer extends CountingSerializer {
    /** Records its creation. */
    public MisnamedSerializer() {
        super("gamma");
    }
}
