package io.github.mp4j.serializer.pickle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Values that round trip through pickle unchanged, and pickles CPython wrote (hex from {@code pickle.dumps}). */
final class PickleSamples {
    /** {@code os.system('echo pwned')} through a {@code __reduce__}, protocol 2: CPython names it {@code posix.system}. */
    static final String POSIX_SYSTEM_P2 =
            "800263706f7369780a73797374656d0a7100580a0000006563686f2070776e656471018571025271032e";
    /** The same, protocol 4 (STACK_GLOBAL, FRAME, MEMOIZE). */
    static final String POSIX_SYSTEM_P4 =
            "80049525000000000000008c05706f736978948c0673797374656d9493948c0a6563686f2070776e656494859452942e";
    /** {@code builtins.eval("__import__('os').system('echo pwned')")}, protocol 2 ({@code __builtin__.eval}). */
    static final String BUILTIN_EVAL_P2 = "8002635f5f6275696c74696e5f5f0a6576616c0a710058250000005f5f696d706f72745f5f28"
            + "276f7327292e73797374656d28276563686f2070776e6564272971018571025271032e";
    /** An instance of {@code __main__.Point} with {@code x=1, y=2}, protocol 4. */
    static final String MAIN_POINT_P4 = "8004952a000000000000008c085f5f6d61696e5f5f948c05506f696e749493942981947d94"
            + "288c0178944b018c0179944b0275622e";
    /** {@code {'ok': [1, <posix.system reduce>]}}: the forbidden global nested in a list in a dict. */
    static final String NESTED_POSIX_SYSTEM_P4 = "80049533000000000000007d948c026f6b945d94284b018c05706f736978948c"
            + "0673797374656d9493948c0a6563686f2070776e6564948594529465732e";

    private PickleSamples() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Plain values that come back equal: every one of the serializer's own decoded types. */
    static List<Object> values() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("id", 1L);
        nested.put("tags", new ArrayList<>(List.of("a", "b")));
        nested.put("price", new BigDecimal("12.50"));
        nested.put("none", null);
        return List.of("hello", 42L, -(1L << 40), new BigInteger("123456789012345678901234567890"), 2.5d, true,
                new ArrayList<>(List.of("x", "y")), nested, new LinkedHashSet<>(List.of("p", "q")),
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2026, 12, 1, 20, 30, 5, 123_456_000),
                OffsetDateTime.of(2026, 12, 1, 20, 30, 5, 0, ZoneOffset.ofHours(2)));
    }
}
