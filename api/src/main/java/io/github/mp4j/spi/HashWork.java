package io.github.mp4j.spi;

import io.github.mp4j.DecodeException;

/**
 * The hashing-work budget of one decode call: what keeps a small payload from pinning a core by making the receiver
 * hash the same objects again and again.
 *
 * <p>The attack it stops: nested {@code HashSet}s where every level references the previous level twice. The payload
 * grows by a few bytes per level, but hashing a set walks everything below it, shared objects again each time they
 * are reached, so the work doubles per level: 100 levels never finish. The same holds for any container whose
 * {@code hashCode}, {@code equals} or {@code compareTo} walks its contents (maps, lists used as keys, records, which
 * hash their components) once it is inserted into a hash- or tree-based collection.
 *
 * <p>The rule: every decoded object has a <em>weight</em>, the number of objects its {@code hashCode} would visit:
 * 1 for a leaf (a boxed value, an enum constant, an array or any object whose class keeps
 * {@code Object.hashCode}), otherwise 1 plus the weights of everything it references, shared objects counted again
 * each time (saturating at {@link Long#MAX_VALUE}); a string or big number weighs {@link #ofChars 1 per
 * {@value #CHARS_PER_UNIT} characters}, since hashing or comparing it walks them. A serializer computes it once per object, when the object is
 * complete, and {@link #charge charges} the weight of every element it inserts into a hash- or tree-based collection
 * (keys and values alike). When the sum exceeds {@link #budget()} = max({@value #FLOOR}, {@value #PER_BYTE} &times;
 * payload bytes), decoding stops with a {@link DecodeException} naming the limit. Legitimate data costs one unit per
 * element per level of hash-based nesting above it, so real payloads stay far below the budget, and decoding stays
 * proportional to the payload (the budget allows well under a second of hashing per MiB).
 *
 * <p>One instance per decode call; not thread-safe.
 */
public final class HashWork {
    /**
     * Characters (or magnitude bytes) of a string or big number that count as one object visited: {@value}.
     * Hashing or comparing such a leaf walks its characters; {@code String.compareTo} does so even for the same
     * instance, so a sorted collection of many references to one long string would otherwise cost its length per
     * reference while being charged 1.
     */
    public static final long CHARS_PER_UNIT = 16;
    /** The smallest budget, in objects visited, whatever the payload's length: {@value}. */
    public static final long FLOOR = 1L << 20;
    /** Objects that may be visited while hashing, per payload byte: {@value}. */
    public static final long PER_BYTE = 64;

    private final long budget;
    private final int payloadLength;
    private long spent;

    /** A budget for decoding a payload of {@code payloadLength} bytes. */
    public HashWork(int payloadLength) {
        this.payloadLength = payloadLength;
        this.budget = Math.max(FLOOR, PER_BYTE * Math.max(0, payloadLength));
    }

    /** The most work this decode may do: max({@value #FLOOR}, {@value #PER_BYTE} &times; payload bytes). */
    public long budget() {
        return budget;
    }

    /** The work charged so far. */
    public long spent() {
        return spent;
    }

    /**
     * Charges inserting an element of weight {@code weight} into a hash- or tree-based collection.
     *
     * @throws Exceeded if the work charged so far exceeds {@link #budget()}; the message names the limit
     */
    public void charge(long weight) {
        spent = add(spent, weight);
        if (spent > budget) {
            throw new Exceeded("hashing work " + (spent == Long.MAX_VALUE ? "over " + Long.MAX_VALUE : spent)
                    + " exceeds the budget " + budget + " objects visited (max(" + FLOOR + ", " + PER_BYTE
                    + " x " + payloadLength + " payload bytes)): the payload makes hash- or tree-based collections"
                    + " hash shared objects again and again (a decode bomb)");
        }
    }

    /** The weight of a leaf of {@code chars} characters (a string) or magnitude bytes (a big number). */
    public static long ofChars(long chars) {
        return 1 + Math.max(0, chars) / CHARS_PER_UNIT;
    }

    /** The weight of {@code leaf} if it is a string or a big number (its length counts), else -1. */
    public static long ofLeaf(Object leaf) {
        if (leaf instanceof String) {
            return ofChars(((String) leaf).length());
        }
        if (leaf instanceof java.math.BigInteger) {
            return ofChars(((java.math.BigInteger) leaf).bitLength() / 8);
        }
        if (leaf instanceof java.math.BigDecimal) {
            return ofChars(((java.math.BigDecimal) leaf).unscaledValue().bitLength() / 8);
        }
        return -1;
    }

    /** {@code a + b} for non-negative weights, saturating at {@link Long#MAX_VALUE}. */
    public static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Thrown by {@link #charge} when the budget is exceeded; serializers turn it into a {@link DecodeException}. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message, null, false, false);
        }
    }
}
