package io.github.mp4j.serializer.jdk;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerDecoderFuzz;

/** The shared decoder fuzzing, run against the jdk serializer. */
class JdkDecoderFuzzTest extends SerializerDecoderFuzz {
    @Override
    protected Serializer serializer() {
        return new JdkSerializer();
    }
}
