package io.github.mp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.spi.HashWork;
import io.github.mp4j.spi.Serializer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decode bombs ({@link DecodeBombs}) against a serializer whose format has back-references (jdk, kryo): each is
 * refused with a {@link DecodeException} naming the {@link HashWork} budget, promptly (the {@code @Timeout}s: without
 * the budget, depth 100 never ends), and large legitimate values still decode. Extend it and name the serializer.
 */
public abstract class DecodeBombContract {

    /** The serializer under test. */
    protected abstract Serializer serializer();

    /** The policy decoding runs with: the defaults plus the testkit's sample types (the record bomb uses one). */
    protected TypePolicy policy() {
        return TypePolicy.defaults().allowPackages(SampleValues.SAMPLES_PACKAGE);
    }

    /** Encodes {@code value} with {@link #serializer()}. */
    protected final byte[] encode(Object value) {
        return Encoding.encode(serializer(), value);
    }

    /** Asserts that decoding {@code payload} raises a DecodeException naming the hashing-work budget and its values. */
    protected final void assertRefusedByTheHashWorkBudget(byte[] payload, String what) {
        assertRefusedByTheHashWorkBudget(payload, what, policy());
    }

    /** {@link #assertRefusedByTheHashWorkBudget(byte[], String)} decoding with {@code policy}. */
    protected final void assertRefusedByTheHashWorkBudget(byte[] payload, String what, TypePolicy policy) {
        long budget = new HashWork(payload.length).budget();
        assertThatThrownBy(() -> serializer().decode(payload, 0, payload.length, policy))
                .as("decoding %s (%d bytes)", what, payload.length)
                .isExactlyInstanceOf(DecodeException.class)
                .satisfies(e -> assertThat(((DecodeException) e).payload()).isEqualTo(payload))
                .hasMessageMatching("(?s).*hashing work (over )?\\d+ exceeds the budget " + budget
                        + " objects visited \\(max\\(" + HashWork.FLOOR + ", " + HashWork.PER_BYTE + " x "
                        + payload.length + " payload bytes\\)\\): the payload makes hash- or tree-based collections"
                        + " hash shared objects again and again \\(a decode bomb\\).*");
    }

    @Test
    @Timeout(60)
    void nestedHashSetBombAtDepth26IsRefusedNamingTheBudget() {
        assertRefusedByTheHashWorkBudget(encode(DecodeBombs.nestedHashSets(26)), "nested HashSets, depth 26");
    }

    @Test
    @Timeout(60)
    void nestedHashSetBombAtDepth100IsRefusedNamingTheBudget() {
        assertRefusedByTheHashWorkBudget(encode(DecodeBombs.nestedHashSets(100)), "nested HashSets, depth 100");
    }

    /** Without the charge the decode hashes 2^100 objects: a separate-thread timeout fails it instead of hanging. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void backReferenceToAnUnfinishedListIsChargedWhatItHoldsSoFar() {
        assertRefusedByTheHashWorkBudget(encode(DecodeBombs.unfinishedListInASet(100)),
                "an unfinished list inserted into a set, depth 100");
    }

    /**
     * Without charging a big number's length, 2^20 references to a 1 MiB {@code BigInteger} compare 2^38 ints (a
     * receiver that allows {@code PriorityQueue}; kryo's {@code TreeSet}/{@code TreeMap} insert the same way, and a
     * hash-based collection rehashes it per reference).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void manyReferencesToOneBigNumberInASortedCollectionAreChargedItsLength() {
        assertRefusedByTheHashWorkBudget(encode(DecodeBombs.sharedBigNumberInAPriorityQueue(1 << 20, 1 << 20)),
                "2^20 references to one 1 MiB BigInteger in a PriorityQueue",
                policy().allowClasses("java.util.PriorityQueue"));
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyShapeOfTheBombIsRefusedAtDepth100() {
        for (Map.Entry<String, Object> bomb : DecodeBombs.all(100).entrySet()) {
            assertRefusedByTheHashWorkBudget(encode(bomb.getValue()), bomb.getKey() + ", depth 100");
        }
    }

    @Test
    @Timeout(120)
    void largeLegitimateValuesStillDecode() {
        for (Object value : new Object[] {DecodeBombs.manyDistinctSets(), DecodeBombs.largeMap(),
                DecodeBombs.deepDistinctSets()}) {
            byte[] payload = encode(value);
            Object back = serializer().decode(payload, 0, payload.length, policy());
            assertThat(back.equals(value)).as("%s of %d bytes decodes to an equal value",
                    value.getClass().getName(), payload.length).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void sharingBelowTheBudgetStillDecodes() {
        byte[] payload = encode(DecodeBombs.nestedHashSets(12));
        Object back = serializer().decode(payload, 0, payload.length, policy());
        assertThat(back).isInstanceOf(java.util.HashSet.class);
        assertThat(((java.util.Set<?>) back)).hasSize(2);
    }
}
