package io.github.mp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.Serializer;
import java.util.List;
import org.example.mp4j.hostile.Hostile;
import org.example.mp4j.samples.SmallRecord;

/**
 * The hooks and helpers of {@link SerializerContract}: what a serializer module implements ({@link #serializer()}) or
 * overrides (capabilities and sample values), and the encode/decode helpers the contract's tests share. Extend
 * {@link SerializerContract}, not this class.
 */
public abstract class SerializerContractBase {

    /** The serializer under test. Called once per test; may return a shared instance. */
    protected abstract Serializer serializer();

    /** The policy round trips decode with: the defaults plus the testkit's sample package. */
    protected TypePolicy policy() {
        return TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);
    }

    /** Whether the serializer takes any object (strings, collections, records...); false for protobuf. */
    protected boolean supportsArbitraryObjects() {
        return true;
    }

    /** Whether cycles and shared references survive a round trip. */
    protected boolean supportsCycles() {
        return true;
    }

    /** Whether {@code null} can be sent. */
    protected boolean supportsNull() {
        return true;
    }

    /** Whether the payload names nested (non-top-level) types, so the policy can refuse them. */
    protected boolean namesNestedTypes() {
        return true;
    }

    /** Whether every proper prefix of a payload is detected as broken (false for formats like protobuf). */
    protected boolean detectsTruncation() {
        return true;
    }

    /** Values that must round trip to an equal value; used by the offset, corruption and concurrency tests. */
    protected List<Object> sampleValues() {
        return SampleValues.all();
    }

    /** A value whose type {@link TypePolicy#defaults()} refuses; its type is {@link #refusedTypeName()}. */
    protected Object refusedValue() {
        return SampleValues.smallRecord();
    }

    /** The binary name of {@link #refusedValue()}'s type. */
    protected String refusedTypeName() {
        return SmallRecord.class.getName();
    }

    /** A payload naming {@link #hostileTypeName()}, made without initialising it in this JVM's class loader. */
    protected byte[] hostilePayload() {
        return encode(IsolatedSamples.hostile());
    }

    /** The binary name of the hostile type in {@link #hostilePayload()}. */
    protected String hostileTypeName() {
        return Hostile.class.getName();
    }

    /** A value this serializer cannot encode, or null if it can encode everything it is given. */
    protected Object unencodableValue() {
        return null;
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** Encodes {@code value} with {@link #serializer()} into a new array. */
    protected final byte[] encode(Object value) {
        return Encoding.encode(serializer(), value);
    }

    /** Decodes a whole array with {@link #policy()}. */
    protected final Object decode(byte[] payload) {
        return serializer().decode(payload, 0, payload.length, policy());
    }

    /** Encodes then decodes with {@link #policy()}. */
    protected final Object roundTrip(Object value) {
        return decode(encode(value));
    }

    @SuppressWarnings("unchecked")
    static List<Object> castList(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return (List<Object>) list;
    }

    void assumeArbitraryObjects() {
        assumeTrue(supportsArbitraryObjects(), "serializer takes only its own value types");
    }

}
