/**
 * The {@code "pickle"} mp4j serializer (Python pickle through Pyrolite): see
 * {@link io.github.mp4j.serializer.pickle.PickleSerializer}.
 */
module io.github.mp4j.serializer.pickle {
    requires transitive io.github.mp4j;
    // Pyrolite's jar has no module descriptor and no Automatic-Module-Name: its automatic name comes from the file name.
    requires pickle;

    exports io.github.mp4j.serializer.pickle;

    provides io.github.mp4j.spi.Serializer with io.github.mp4j.serializer.pickle.PickleSerializer;
}
