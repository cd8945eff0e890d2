package io.github.mp4j.serializer.protobuf;

import static io.github.mp4j.serializer.protobuf.Protos.POLICY;
import static io.github.mp4j.serializer.protobuf.Protos.decode;
import static io.github.mp4j.serializer.protobuf.Protos.encode;
import static io.github.mp4j.serializer.protobuf.Protos.payloadNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.github.mp4j.DecodeException;
import io.github.mp4j.MissingTypeException;
import io.github.mp4j.SerializationException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.ThisProcess;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The protobuf serializer's own behaviour beyond the shared contract: layout, class checks, errors. */
class ProtobufSerializerTest {

    @Test
    void payloadIsSignatureVersionClassNameThenMessageBytes() {
        byte[] payload = encode(StringValue.of("hi"));
        byte[] name = StringValue.class.getName().getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(payload, 6)).containsExactly(0x50, 0x42, 0xF7, 1, 0, name.length);
        assertThat(Arrays.copyOfRange(payload, 6, 6 + name.length)).isEqualTo(name);
        assertThat(Arrays.copyOfRange(payload, 6 + name.length, payload.length))
                .isEqualTo(StringValue.of("hi").toByteArray());
    }

    @Test
    void nullRoundTripsAsAHeaderWithAnEmptyName() {
        assertThat(encode(null)).containsExactly(0x50, 0x42, 0xF7, 1, 0, 0);
        assertThat(decode(encode(null), POLICY)).isNull();
    }

    @Test
    void nonMessageValueRaisesSerializationExceptionAtEncode() {
        assertThatThrownBy(() -> encode("text"))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("serializer protobuf can only encode com.google.protobuf.Message values, got"
                        + " java.lang.String");
    }

    @Test
    void dynamicMessageRaisesSerializationExceptionAtEncode() {
        com.google.protobuf.DynamicMessage dynamic = com.google.protobuf.DynamicMessage.newBuilder(
                StringValue.getDescriptor()).build();
        assertThatThrownBy(() -> encode(dynamic))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("serializer protobuf cannot carry com.google.protobuf.DynamicMessage: it has no static"
                        + " parser() or getDefaultInstance(), so the receiver cannot parse it by class name; send an"
                        + " instance of a generated message class");
    }

    @Test
    void allowedClassThatIsNotAMessageRaisesDecodeExceptionWithoutInitialisingIt() {
        String name = "io.github.mp4j.serializer.protobuf.NotAMessage";
        byte[] payload = payloadNaming(name, new byte[0]);
        assertThatThrownBy(() -> decode(payload, TypePolicy.defaults().allowClasses(name)))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("serializer protobuf cannot decode a payload of " + payload.length + " bytes: class "
                        + name + " named in the payload is not a concrete"
                        + " com.google.protobuf.Message; send only protobuf messages");
        assertThat(NotAMessage.InitFlag.FLAG).isFalse();
    }

    @Test
    void absentMessageClassRaisesMissingTypeNamingItAndThisProcess() {
        String absent = "com.google.protobuf.NoSuchMessage";
        byte[] payload = payloadNaming(absent, new byte[0]);
        assertThatThrownBy(() -> decode(payload, POLICY))
                .isInstanceOfSatisfying(MissingTypeException.class, e -> {
                    assertThat(e.typeName()).isEqualTo(absent);
                    assertThat(e.process()).isEqualTo(ThisProcess.id());
                    assertThat(e.serializer()).isEqualTo("protobuf");
                    assertThat(e.payload()).isEqualTo(payload);
                })
                .hasMessage("Can't find class " + absent + " in process " + ThisProcess.id()
                        + " (serializer protobuf): add it to this process's class path");
    }

    @Test
    void refusedNameIsJudgedBeforeTheParserCacheOnEveryCall() {
        byte[] payload = encode(StringValue.of("x"));
        assertThat(decode(payload, POLICY)).isEqualTo(StringValue.of("x"));
        assertThatThrownBy(() -> decode(payload, TypePolicy.defaults()))
                .isInstanceOfSatisfying(TypeNotAllowedException.class,
                        e -> assertThat(e.typeName()).isEqualTo(StringValue.class.getName()));
    }

    @Test
    void unsupportedVersionRaisesDecodeExceptionSayingSo() {
        byte[] payload = encode(StringValue.of("x"));
        payload[3] = 9;
        assertThatThrownBy(() -> decode(payload, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("serializer protobuf cannot decode a payload of " + payload.length + " bytes: layout"
                        + " version 9 is not supported; this end reads version 1: use the same mp4j version at both"
                        + " ends");
    }

    @Test
    void classNameRunningPastTheEndRaisesDecodeException() {
        byte[] payload = {0x50, 0x42, (byte) 0xF7, 1, 0, 40, 'a', 'b'};
        assertThatThrownBy(() -> decode(payload, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("serializer protobuf cannot decode a payload of 8 bytes: class name of 40 bytes runs past"
                        + " the end of the 8-byte payload");
    }

    @Test
    void invalidMessageBytesRaiseDecodeExceptionNamingTheClass() {
        byte[] payload = payloadNaming(StringValue.class.getName(), new byte[] {0x0a, 0x05, 'a'});
        assertThatThrownBy(() -> decode(payload, POLICY))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith("serializer protobuf cannot decode a payload of " + payload.length
                        + " bytes: cannot parse 3 message bytes as com.google.protobuf.StringValue: ");
    }
}
