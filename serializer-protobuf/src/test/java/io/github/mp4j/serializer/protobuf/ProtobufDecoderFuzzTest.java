package io.github.mp4j.serializer.protobuf;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerDecoderFuzz;
import java.util.List;

/** The shared decoder fuzzing, run against the protobuf serializer. */
class ProtobufDecoderFuzzTest extends SerializerDecoderFuzz {
    @Override
    protected Serializer serializer() {
        return Protos.SERIALIZER;
    }

    @Override
    protected TypePolicy policy() {
        return TypePolicy.defaults().allowPackages("com.google.protobuf");
    }

    @Override
    protected List<Object> sampleValues() {
        return Protos.samples();
    }
}
