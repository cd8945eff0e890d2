/**
 * The Kryo 5 serializer for mp4j, found by {@link java.util.ServiceLoader} under the name {@code "kryo"}.
 */
module io.github.mp4j.serializer.kryo {
    requires io.github.mp4j;
    requires com.esotericsoftware.kryo;
    requires org.objenesis;
    // Objenesis (Kryo's instantiator for classes without a no-arg constructor) uses sun.reflect.ReflectionFactory.
    requires jdk.unsupported;

    exports io.github.mp4j.serializer.kryo;

    provides io.github.mp4j.spi.Serializer with io.github.mp4j.serializer.kryo.KryoSerializer;
}
