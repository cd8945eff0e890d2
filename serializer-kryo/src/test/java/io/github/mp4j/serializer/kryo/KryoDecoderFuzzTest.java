package io.github.mp4j.serializer.kryo;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerDecoderFuzz;

/** The shared decoder fuzzing, run against the kryo serializer. */
class KryoDecoderFuzzTest extends SerializerDecoderFuzz {
    @Override
    protected Serializer serializer() {
        return new KryoSerializer();
    }
}
