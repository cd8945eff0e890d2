package io.github.mp4j.serializer.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import io.github.mp4j.testkit.ChildDecoders;
import io.github.mp4j.testkit.ChildRun;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child JVM whose protobuf jar lacks {@code Timestamp} receives one: MissingTypeException naming the class
 * and the child; the next message decodes fine. A hostile class name is refused and never initialised.
 */
class ProtobufCrossProcessTest {

    @Test
    @Timeout(120)
    void childLackingAMessageClassRaisesMissingTypeAndKeepsDecoding() throws Exception {
        List<byte[]> payloads = List.of(Protos.encode(Timestamp.newBuilder().setSeconds(5).build()),
                Protos.encode(StringValue.of("next")), Protos.encode(null));
        ChildRun run = ChildDecoders.run("protobuf", List.of("com.google.protobuf"), Set.of(Timestamp.class),
                payloads);
        assertThat(run.lines()).containsExactly(
                "ERR MissingTypeException Can't find class com.google.protobuf.Timestamp in process "
                        + run.processId() + " (serializer protobuf): add it to this process's class path",
                "OK com.google.protobuf.StringValue value: \"next\"\\n",
                "OK null null");
    }

    @Test
    @Timeout(120)
    void childRefusesAHostileClassNameWithoutInitialisingIt() throws Exception {
        List<byte[]> payloads = List.of(Protos.payloadNaming("org.example.mp4j.hostile.Hostile", new byte[0]),
                Protos.encode(StringValue.of("after")));
        ChildRun run = ChildDecoders.run("protobuf", List.of("com.google.protobuf"), Set.of(), payloads);
        assertThat(run.lines()).containsExactly(
                "ERR TypeNotAllowedException type org.example.mp4j.hostile.Hostile is not allowed by the TypePolicy"
                        + " (serializer protobuf); allow it with TypePolicy.defaults().allowPackages(...) or"
                        + " allowClasses(...)",
                "OK com.google.protobuf.StringValue value: \"after\"\\n");
        assertThat(run.hostileInitialised()).isFalse();
    }
}
