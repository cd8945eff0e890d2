package io.github.mp4j.serializer.jdk;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.DecodeBombContract;

/** The decode bombs against the jdk serializer: refused before ObjectInputStream hashes anything. */
class JdkDecodeBombTest extends DecodeBombContract {
    private static final JdkSerializer SERIALIZER = new JdkSerializer();

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }
}
