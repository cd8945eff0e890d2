package io.github.mp4j.serializer.jdk;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerContract;
import java.io.Serializable;

/** The shared serializer contract, run against {@link JdkSerializer}. */
class JdkSerializerContractTest extends SerializerContract {
    private static final JdkSerializer SERIALIZER = new JdkSerializer();

    /** Serializable itself, but holds a plain Object, which is not. */
    record Holder(Object thing) implements Serializable {
    }

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    @Override
    protected Object unencodableValue() {
        return new Holder(new Object());
    }
}
