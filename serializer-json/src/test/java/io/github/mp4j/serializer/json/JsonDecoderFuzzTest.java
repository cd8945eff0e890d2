package io.github.mp4j.serializer.json;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerDecoderFuzz;

/** The shared decoder fuzzing, run against the json serializer. */
class JsonDecoderFuzzTest extends SerializerDecoderFuzz {
    @Override
    protected Serializer serializer() {
        return new JsonSerializer();
    }
}
