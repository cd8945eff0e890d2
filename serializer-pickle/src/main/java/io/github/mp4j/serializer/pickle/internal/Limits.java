package io.github.mp4j.serializer.pickle.internal;

/** The decode limits of the pickle serializer, the same bars as the other serializers'. */
final class Limits {
    /** Deepest nesting of containers accepted (and written); deeper payloads are refused. */
    static final int MAX_DEPTH = 1000;
    /** Longest decimal text accepted for a pickled int or Decimal: CPython's own default int_max_str_digits. */
    static final int MAX_NUMBER_DIGITS = 4300;
    /** Hashing/equality work allowed per payload byte (one unit is one element visited). */
    static final long WORK_PER_BYTE = 32;
    /** Hashing/equality work every payload may spend, however small. */
    static final long WORK_BASE = 100_000;

    private Limits() {
    }

    /** The work budget of a payload of {@code length} bytes: proportional to its length. */
    static long workBudget(int length) {
        return WORK_BASE + WORK_PER_BYTE * length;
    }
}
