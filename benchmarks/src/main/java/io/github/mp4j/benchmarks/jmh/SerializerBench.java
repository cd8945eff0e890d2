package io.github.mp4j.benchmarks.jmh;

import io.github.mp4j.benchmarks.internal.Payloads;
import io.github.mp4j.spi.Serializer;
import io.github.mp4j.spi.Serializers;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each serializer on the benchmarks' small item ({@link io.github.mp4j.benchmarks.SmallRecord}; a protobuf
 * {@code Struct} with the same fields for protobuf): encode, decode, and both, in ns/op. The payload sizes are
 * printed by {@link io.github.mp4j.benchmarks.Jmh} before the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializerBench {
    /** The serializer's name. */
    @Param({"jdk", "kryo", "json", "protobuf"})
    public String serializer;

    private Serializer s;
    private Object item;
    private final ReusableOutput out = new ReusableOutput();
    private byte[] payload;

    /** Encodes the item once, so decode has a payload. */
    @Setup
    public void setUp() throws IOException {
        s = Serializers.byName(serializer);
        IntFunction<Object> maker = Payloads.maker(serializer);
        item = maker.apply(12345);
        out.reset();
        s.encode(item, out);
        payload = out.toByteArray();
    }

    /** Encodes the item into a reused buffer. */
    @Benchmark
    public int encode() throws IOException {
        out.reset();
        s.encode(item, out);
        return out.size();
    }

    /** Decodes the payload, checking its type against the benchmark type policy. */
    @Benchmark
    public Object decode() {
        return s.decode(payload, 0, payload.length, Payloads.policy());
    }

    /** Encodes the item and decodes the result: one message's serialization cost on both sides. */
    @Benchmark
    public Object encodeDecode() throws IOException {
        out.reset();
        s.encode(item, out);
        return s.decode(out.buffer(), 0, out.size(), Payloads.policy());
    }
}
