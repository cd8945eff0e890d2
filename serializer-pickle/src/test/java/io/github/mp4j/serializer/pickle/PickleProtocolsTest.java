package io.github.mp4j.serializer.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.TypePolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pickles CPython 3.11 wrote with protocols 2, 3 and 5 decode to the same Java values: protocol 2 spells sets,
 * frozensets, bytes and bytearrays as calls of {@code __builtin__.set}, {@code _codecs.encode} and friends,
 * protocol 3 as {@code builtins} calls with BINBYTES, protocol 5 with EMPTY_SET, FROZENSET, BYTEARRAY8 and framing.
 * The dict is {@code {"set": {1}, "frozenset": frozenset({"f"}), "bytes": b"\x00\xff", "bytearray":
 * bytearray(b"ba"), "date": date(2024, 2, 29), "dt": datetime(2026, 12, 1, 20, 30, 5, 7, tzinfo=timezone(-5h)),
 * "td": timedelta(days=-1, microseconds=3), "dec": Decimal("-0.5"), "od": OrderedDict(z=1), "big": -2**70,
 * "keys": {(1, (2,)): None}}}.
 */
class PickleProtocolsTest {
    private static final String PROTOCOL_2 = "80027d71002858030000007365747101635f5f6275696c74696e5f5f0a7365740a71025d71034b0161857104527105580900"
            + "000066726f7a656e7365747106635f5f6275696c74696e5f5f0a66726f7a656e7365740a71075d7108580100000066710961"
            + "85710a52710b58050000006279746573710c635f636f646563730a656e636f64650a710d580300000000c3bf710e58060000"
            + "006c6174696e31710f86711052711158090000006279746561727261797112635f5f6275696c74696e5f5f0a627974656172"
            + "7261790a7113680d580200000062617114680f8671155271168571175271185804000000646174657119636461746574696d"
            + "650a646174650a711a680d580500000007c3a8021d711b680f86711c52711d85711e52711f58020000006474712063646174"
            + "6574696d650a6461746574696d650a7121680d580b00000007c3aa0c01141e050000077122680f8671235271246364617465"
            + "74696d650a74696d657a6f6e650a7125636461746574696d650a74696d6564656c74610a71264affffffff4a300b01004b00"
            + "87712752712885712952712a86712b52712c58020000007464712d68264affffffff4b004b0387712e52712f580300000064"
            + "6563713063646563696d616c0a446563696d616c0a713158040000002d302e35713285713352713458020000006f64713563"
            + "636f6c6c656374696f6e730a4f726465726564446963740a71362952713758010000007a71384b0173580300000062696771"
            + "398a090000000000000000c058040000006b657973713a7d713b4b014b0285713c86713d4e73752e";
    private static final String PROTOCOL_3 = "80037d71002858030000007365747101636275696c74696e730a7365740a71025d71034b0161857104527105580900000066"
            + "726f7a656e7365747106636275696c74696e730a66726f7a656e7365740a71075d710858010000006671096185710a52710b"
            + "58050000006279746573710c430200ff710d5809000000627974656172726179710e636275696c74696e730a627974656172"
            + "7261790a710f4302626171108571115271125804000000646174657113636461746574696d650a646174650a7114430407e8"
            + "021d7115857116527117580200000064747118636461746574696d650a6461746574696d650a7119430a07ea0c01141e0500"
            + "0007711a636461746574696d650a74696d657a6f6e650a711b636461746574696d650a74696d6564656c74610a711c4affff"
            + "ffff4a300b01004b0087711d52711e85711f527120867121527122580200000074647123681c4affffffff4b004b03877124"
            + "5271255803000000646563712663646563696d616c0a446563696d616c0a712758040000002d302e35712885712952712a58"
            + "020000006f64712b63636f6c6c656374696f6e730a4f726465726564446963740a712c2952712d58010000007a712e4b0173"
            + "5803000000626967712f8a090000000000000000c058040000006b65797371307d71314b014b028571328671334e73752e";
    private static final String PROTOCOL_5 = "80059553010000000000007d94288c03736574948f94284b01908c0966726f7a656e73657494288c01669491948c05627974"
            + "657394430200ff948c09627974656172726179949602000000000000006261948c0464617465948c086461746574696d6594"
            + "8c0464617465949394430407e8021d94859452948c02647494680b8c086461746574696d65949394430a07ea0c01141e0500"
            + "000794680b8c0874696d657a6f6e65949394680b8c0974696d6564656c74619493944affffffff4a300b01004b0087945294"
            + "85945294869452948c0274649468184affffffff4b004b03879452948c03646563948c07646563696d616c948c0744656369"
            + "6d616c9493948c042d302e3594859452948c026f64948c0b636f6c6c656374696f6e73948c0b4f7264657265644469637494"
            + "93942952948c017a944b01738c03626967948a090000000000000000c08c046b657973947d944b014b02859486944e73752e";

    @Test
    void protocolTwoCallsOfBuiltinsAndCodecsDecodeToPlainValues() {
        assertDecodesToTheSample(PROTOCOL_2);
    }

    @Test
    void protocolThreeDecodesToTheSameValues() {
        assertDecodesToTheSample(PROTOCOL_3);
    }

    @Test
    void protocolFiveWithFramesAndBytearray8DecodesToTheSameValues() {
        assertDecodesToTheSample(PROTOCOL_5);
    }

    private static void assertDecodesToTheSample(String hex) {
        Map<?, ?> m = (Map<?, ?>) Pickles.decode(PickleSamples.hex(hex), TypePolicy.defaults());
        assertThat(m.get("set")).isEqualTo(Set.of(1L));
        assertThat(m.get("frozenset")).isEqualTo(Set.of("f"));
        assertThat(Arrays.equals((byte[]) m.get("bytes"), new byte[] {0, (byte) 0xff})).isTrue();
        assertThat(Arrays.equals((byte[]) m.get("bytearray"), new byte[] {'b', 'a'})).isTrue();
        assertThat(m.get("date")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(m.get("dt")).isEqualTo(OffsetDateTime.of(2026, 12, 1, 20, 30, 5, 7_000, ZoneOffset.ofHours(-5)));
        assertThat(m.get("td")).isEqualTo(Duration.ofDays(-1).plusNanos(3_000));
        assertThat(m.get("dec")).isEqualTo(new BigDecimal("-0.5"));
        assertThat(m.get("od")).isEqualTo(Map.of("z", 1L));
        assertThat(m.get("big")).isEqualTo(BigInteger.TWO.pow(70).negate());
        Map<?, ?> keys = (Map<?, ?>) m.get("keys");
        assertThat(keys.containsKey(List.of(1L, List.of(2L)))).isTrue();
    }
}
