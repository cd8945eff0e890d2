package io.github.mp4j.serializer.pickle;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerDecoderFuzz;
import java.util.ArrayList;
import java.util.List;

/** The shared decoder fuzzing, run against the pickle serializer with its plain values and CPython's pickles. */
class PickleDecoderFuzzTest extends SerializerDecoderFuzz {
    private static final PickleSerializer SERIALIZER = new PickleSerializer();

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    /** Pickle's plain values (the testkit's records and enums are not pickle data). */
    @Override
    protected List<Object> sampleValues() {
        return new ArrayList<>(PickleSamples.values());
    }
}
