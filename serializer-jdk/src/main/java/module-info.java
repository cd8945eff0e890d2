/**
 * mp4j's embedded default serializer: java.io serialization with a {@link io.github.mp4j.TypePolicy} checked
 * by class name before any class is loaded, and an {@link java.io.ObjectInputFilter} bounding depth,
 * references, array lengths and stream bytes.
 */
module io.github.mp4j.serializer.jdk {
    requires transitive io.github.mp4j;

    exports io.github.mp4j.serializer.jdk;

    provides io.github.mp4j.spi.Serializer with io.github.mp4j.serializer.jdk.JdkSerializer;
}
