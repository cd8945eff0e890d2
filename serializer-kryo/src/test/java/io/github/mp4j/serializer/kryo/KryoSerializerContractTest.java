package io.github.mp4j.serializer.kryo;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerContract;

/** The shared serializer contract, run against {@link KryoSerializer}. */
class KryoSerializerContractTest extends SerializerContract {
    private static final KryoSerializer KRYO = new KryoSerializer();

    @Override
    protected Serializer serializer() {
        return KRYO;
    }

    @Override
    protected Object unencodableValue() {
        // java.lang.Thread: not Serializable, and its fields are closed to reflection on Java 17.
        return new Thread(() -> { });
    }
}
