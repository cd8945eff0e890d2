package io.github.mp4j.serializer.json;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SampleValues;
import io.github.mp4j.testkit.SerializerContract;

/** The shared serializer contract, run against the json serializer. */
class JsonSerializerContractTest extends SerializerContract {
    private static final JsonSerializer SERIALIZER = new JsonSerializer();

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    /** JSON has no references: a cycle cannot be written, shared objects arrive as copies. */
    @Override
    protected boolean supportsCycles() {
        return false;
    }

    /** Two nodes pointing at each other: Jackson cannot write a cycle. */
    @Override
    protected Object unencodableValue() {
        return SampleValues.cycle();
    }
}
