package io.github.mp4j.serializer.protobuf;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.Int64Value;
import com.google.protobuf.ListValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.github.mp4j.TypePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Sample messages (protobuf-java's well-known types, no code generation) and helpers for the tests. */
final class Protos {
    static final ProtobufSerializer SERIALIZER = new ProtobufSerializer();
    /** The defaults plus the well-known types. */
    static final TypePolicy POLICY = TypePolicy.defaults().allowPackages("com.google.protobuf");

    private Protos() {
    }

    static Struct struct() {
        return Struct.newBuilder()
                .putFields("name", Value.newBuilder().setStringValue("widget").build())
                .putFields("score", Value.newBuilder().setNumberValue(3.25).build())
                .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a"))
                        .addValues(Value.newBuilder().setBoolValue(true))).build())
                .build();
    }

    static List<Object> samples() {
        return List.of(StringValue.of("hello \u4e2d\u6587"), Int64Value.of(1L << 40), struct(),
                Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(123).build(),
                Duration.newBuilder().setSeconds(90).build(), Any.pack(StringValue.of("packed")),
                Value.newBuilder().setNumberValue(-0.5).build(), StringValue.getDefaultInstance());
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SERIALIZER.encode(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Object decode(byte[] payload, TypePolicy policy) {
        return SERIALIZER.decode(payload, 0, payload.length, policy);
    }

    /** A payload in this serializer's layout naming {@code className}, followed by {@code body}. */
    static byte[] payloadNaming(String className, byte[] body) {
        byte[] name = className.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x50);
        out.write(0x42);
        out.write(0xF7);
        out.write(1);
        out.write(name.length >>> 8);
        out.write(name.length & 0xFF);
        out.writeBytes(name);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
