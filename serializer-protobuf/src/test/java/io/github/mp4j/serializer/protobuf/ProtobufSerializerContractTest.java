package io.github.mp4j.serializer.protobuf;

import com.google.protobuf.StringValue;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerContract;
import java.util.List;
import org.example.mp4j.hostile.Hostile;

/**
 * The shared serializer contract, run against the protobuf serializer with well-known-type messages as its
 * values: the generic-object tests skip, the rest (round trips, signature, policy, hostile, garbage, offsets,
 * concurrency) run.
 */
class ProtobufSerializerContractTest extends SerializerContract {

    @Override
    protected Serializer serializer() {
        return Protos.SERIALIZER;
    }

    @Override
    protected TypePolicy policy() {
        return super.policy().allowPackages("com.google.protobuf");
    }

    @Override
    protected boolean supportsArbitraryObjects() {
        return false;
    }

    @Override
    protected boolean supportsCycles() {
        return false;
    }

    /** Nested messages are fixed by the schema; the payload names only the top-level class. */
    @Override
    protected boolean namesNestedTypes() {
        return false;
    }

    /** A prefix of protobuf wire bytes is often itself a valid message. */
    @Override
    protected boolean detectsTruncation() {
        return false;
    }

    @Override
    protected List<Object> sampleValues() {
        return Protos.samples();
    }

    /** {@code TypePolicy.defaults()} allows no protobuf classes. */
    @Override
    protected Object refusedValue() {
        return StringValue.of("refused");
    }

    @Override
    protected String refusedTypeName() {
        return StringValue.class.getName();
    }

    /** A crafted payload naming the hostile class: it need not be a Message, since it must never be loaded. */
    @Override
    protected byte[] hostilePayload() {
        return Protos.payloadNaming(Hostile.class.getName(), new byte[] {0x0a, 0x01, 0x78});
    }

    @Override
    protected Object unencodableValue() {
        return "not a message";
    }
}
