package io.github.mp4j.benchmarks.jmh;

import io.github.mp4j.ProtocolException;
import io.github.mp4j.pipe.internal.FrameCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The frame header codec: encoding and decoding one header, short (4-byte) and long (12-byte). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBench {
    /** Payload length whose header is encoded and decoded: a small record's, and one past 2^31-1. */
    @Param({"60", "3000000000"})
    public long payloadLength;

    private final ByteBuffer buf = ByteBuffer.allocate(FrameCodec.LONG_HEADER);

    /** Writes the header into a buffer and returns its first byte. */
    @Benchmark
    public byte encode() {
        buf.clear();
        FrameCodec.writeHeader(buf, payloadLength);
        return buf.get(0);
    }

    /** Writes the header, then reads the length back as a receiver does. */
    @Benchmark
    public long encodeDecode() throws ProtocolException {
        buf.clear();
        FrameCodec.writeHeader(buf, payloadLength);
        buf.flip();
        return FrameCodec.readLength(buf, Long.MAX_VALUE);
    }
}
