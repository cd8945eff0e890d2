package io.github.mp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Decoder fuzzing every serializer module runs (extend it and name the serializer): fuzzes the decoder with random bytes, bit flips and truncations of valid payloads, placed at an offset
 * inside junk: every case either decodes or raises a {@link DecodeException} (or subclass) carrying exactly the
 * payload's bytes, within a time bound and without allocating more than a bounded amount of memory. Any other
 * exception or error (a runtime exception, a stack overflow, running out of memory) fails the case.
 */
public abstract class SerializerDecoderFuzz {
    private static final Duration CASE_BOUND = Duration.ofSeconds(20);
    private static final long MEMORY_BOUND = 64L << 20;
    private static final MethodHandle ALLOCATED = allocationCounter();
    private List<byte[]> valid;

    /** The serializer under test. */
    protected abstract Serializer serializer();

    /** The policy decoding runs with: the defaults plus the testkit's sample types. */
    protected TypePolicy policy() {
        return TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);
    }

    /** The values whose valid payloads are corrupted: the testkit's samples. */
    protected List<Object> sampleValues() {
        return SampleValues.all();
    }

    private List<byte[]> valid() {
        if (valid == null) {
            valid = sampleValues().stream().map(this::encode).toList();
        }
        return valid;
    }

    /** 8,000 corrupted payloads per serializer: each decodes or raises DecodeException, in bounded time and memory. */
    @Property(tries = 8_000)
    public void corruptPayloadDecodesOrRaisesDecodeExceptionWithinBounds(@ForAll("payloads") byte[] payload,
                                                                  @ForAll @IntRange(max = 9) int pad) {
        byte[] buffer = new byte[pad + payload.length + pad];
        Arrays.fill(buffer, (byte) 0x7e);
        System.arraycopy(payload, 0, buffer, pad, payload.length);
        long allocated = assertTimeoutPreemptively(CASE_BOUND, () -> {
            long before = allocatedBytes();
            try {
                serializer().decode(buffer, pad, payload.length, policy());
            } catch (DecodeException e) {
                assertThat(e.payload()).as("payload carried by %s", e).isEqualTo(payload);
            }
            return allocatedBytes() - before;
        }, () -> "decoding " + payload.length + " bytes did not end within " + CASE_BOUND);
        assertThat(allocated).as("bytes allocated decoding %d bytes", payload.length).isLessThan(MEMORY_BOUND);
    }

    /**
     * The fuzzing can fail: a good share (over a quarter) of generated payloads keep this serializer's signature and header (a payload refused at
     * the signature or the format version never reaches the decoder proper).
     */
    @Example
    public void aQuarterOfFuzzedPayloadsGetPastTheSignatureAndVersionChecks() {
        List<byte[]> sample = payloads().sampleStream().limit(1_000).toList();
        long reachingTheDecoder = sample.stream().filter(p -> {
            if (!serializer().recognizes(p, 0, p.length)) {
                return false;
            }
            try {
                serializer().decode(p, 0, p.length, policy());
                return true;
            } catch (DecodeException e) {
                // mp4j's serializers word a refused header version as "format/envelope/layout version N"
                return e.getMessage() == null || !e.getMessage().matches("(?s).*(format|envelope|layout) version.*");
            }
        }).count();
        assertThat(reachingTheDecoder).as("fuzzed payloads (of %d) that get past the header checks", sample.size())
                .isGreaterThan(sample.size() / 4);
    }

    /** Random bytes, bit flips, truncations and random tails of valid payloads. */
    @Provide
    public Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> valid = Arbitraries.of(valid());
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> flipped = valid.flatMap(p -> Arbitraries.integers().between(0, p.length * 8 - 1)
                .list().ofMinSize(1).ofMaxSize(4).map(bits -> flip(p, bits)));
        Arbitrary<byte[]> truncated = valid.flatMap(p -> Arbitraries.integers().between(0, p.length - 1)
                .map(n -> Arrays.copyOf(p, n)));
        Arbitrary<byte[]> truncatedAndFlipped = flipped.flatMap(p -> Arbitraries.integers()
                .between(0, p.length).map(n -> Arrays.copyOf(p, n)));
        Arbitrary<byte[]> randomTail = valid.flatMap(p -> Arbitraries.integers().between(0, p.length)
                .flatMap(keep -> Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(tail -> {
                    byte[] r = Arrays.copyOf(p, keep + tail.length);
                    System.arraycopy(tail, 0, r, keep, tail.length);
                    return r;
                })));
        return Arbitraries.oneOf(random, flipped, flipped, truncated, truncatedAndFlipped, randomTail);
    }

    private static byte[] flip(byte[] payload, List<Integer> bits) {
        byte[] r = payload.clone();
        for (int bit : bits) {
            r[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return r;
    }

    private byte[] encode(Object value) {
        return Encoding.encode(serializer(), value);
    }

    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the thread's allocation counter", e);
        }
    }

    /**
     * HotSpot's per-thread allocation counter, looked up reflectively: the tests compile inside this module,
     * which does not read {@code jdk.management}; they run on the class path, where it is readable.
     */
    private static MethodHandle allocationCounter() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return MethodHandles.publicLookup().findVirtual(Class.forName("com.sun.management.ThreadMXBean"),
                    "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class)).bindTo(threads);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
