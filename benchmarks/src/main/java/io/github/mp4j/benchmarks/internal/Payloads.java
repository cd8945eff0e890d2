package io.github.mp4j.benchmarks.internal;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.benchmarks.SmallRecord;
import io.github.mp4j.pipe.Transport;
import io.github.mp4j.queue.QueueFactory;
import java.util.function.IntFunction;

/**
 * The small item each serializer carries: {@link SmallRecord} for jdk, kryo and json; for protobuf, which only
 * carries {@code Message}s, a {@link Struct} with the same four fields (the closest thing to Python's dict).
 */
public final class Payloads {
    private static final TypePolicy POLICY =
            TypePolicy.defaults().allowPackages("io.github.mp4j.benchmarks", "com.google.protobuf");

    private Payloads() {
    }

    /** The type policy of the benchmark queues and pipes: JDK types, {@link SmallRecord} and protobuf's types. */
    public static TypePolicy policy() {
        return POLICY;
    }

    /** A factory whose queues and pipes encode with {@code serializer} and accept the benchmark payloads. */
    public static QueueFactory factory(String serializer) {
        return factory(serializer, Transport.AUTO);
    }

    /** As {@link #factory(String)}, with queue sessions carried by {@code transport}. */
    public static QueueFactory factory(String serializer, Transport transport) {
        return QueueFactory.builder().serializer(serializer).typePolicy(POLICY).transport(transport).build();
    }

    /** Makes item {@code i} the way {@code serializer} can carry it. */
    public static IntFunction<Object> maker(String serializer) {
        return "protobuf".equals(serializer) ? Payloads::struct : SmallRecord::of;
    }

    /** Item {@code i} as a protobuf {@link Struct}: id, name, tags, score. */
    public static Struct struct(int i) {
        return Struct.newBuilder()
                .putFields("id", Value.newBuilder().setNumberValue(i).build())
                .putFields("name", Value.newBuilder().setStringValue("item-" + i).build())
                .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a"))
                        .addValues(Value.newBuilder().setStringValue("b"))).build())
                .putFields("score", Value.newBuilder().setNumberValue(1.5).build())
                .build();
    }
}
