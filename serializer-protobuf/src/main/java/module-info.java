/**
 * The {@code "protobuf"} mp4j serializer (protobuf-java 4.x, {@code Message} values): see
 * {@link io.github.mp4j.serializer.protobuf.ProtobufSerializer}.
 */
module io.github.mp4j.serializer.protobuf {
    requires transitive io.github.mp4j;
    requires com.google.protobuf;

    exports io.github.mp4j.serializer.protobuf;

    provides io.github.mp4j.spi.Serializer with io.github.mp4j.serializer.protobuf.ProtobufSerializer;
}
