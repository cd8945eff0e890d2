package io.github.mp4j.serializer.kryo;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.DecodeBombContract;

/** The decode bombs against the kryo serializer. */
class KryoDecodeBombTest extends DecodeBombContract {
    private static final KryoSerializer SERIALIZER = new KryoSerializer();

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }
}
