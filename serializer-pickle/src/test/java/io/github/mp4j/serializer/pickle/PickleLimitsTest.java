package io.github.mp4j.serializer.pickle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.DecodeException;
import io.github.mp4j.TypePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decoding costs time and memory in proportion to the payload: declared lengths, digit counts, nesting, cycles and
 * the shared-reference key bomb are refused with a DecodeException that carries the bytes.
 */
class PickleLimitsTest {
    private static final int LEVELS = 62;

    @Test
    @Timeout(30)
    void declaredLengthBeyondThePayloadIsRefusedBeforeAllocating() {
        byte[] p = Pickles.protocol4().op(0x8e, 0, 0, 0, 0, 0, 1, 0, 0).stop();
        assertMalformed(p, "BINBYTES8 declares 1099511627776 bytes but the payload has 1 left");
        byte[] u = Pickles.protocol4().op('X', 0xff, 0xff, 0xff, 0x7f).stop();
        assertMalformed(u, "BINUNICODE declares 2147483647 bytes but the payload has 1 left");
    }

    @Test
    @Timeout(30)
    void integerTextLongerThanCPythonsDigitLimitIsRefused() {
        byte[] p = Pickles.protocol4().text("I" + "9".repeat(5000) + "\n").stop();
        assertMalformed(p, "INT text of 5000 characters exceeds 4300 digits");
    }

    /**
     * Two equal tuples, each {@code t = (t', t')} nested 62 times over shared memo references, put into one set:
     * 1.2 KB, but comparing them visits 2^62 elements. Without the work budget the insertion pins a core (the
     * timeout runs the test in a separate thread so that such a regression fails instead of hanging the build); with
     * it the payload is refused at once.
     */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void setOfTwoEqualTuplesBuiltFromSharedReferencesIsRefusedAsABomb() {
        Pickles p = Pickles.protocol4().op(0x8f, 0x94, '(');
        int memo = 1;
        int[] tops = new int[2];
        for (int copy = 0; copy < 2; copy++) {
            p.op(')', 0x94, '0');
            int last = memo++;
            for (int i = 0; i < LEVELS; i++) {
                p.get(last).get(last).op(0x86, 0x94, '0');
                last = memo++;
            }
            tops[copy] = last;
        }
        byte[] bomb = p.get(tops[0]).get(tops[1]).op(0x90).stop();
        assertThatThrownBy(() -> Pickles.decode(bomb, TypePolicy.defaults()))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageStartingWith("cannot decode pickle payload of " + bomb.length + " bytes: hashing dict"
                        + " keys and set elements needs more than the work budget of ")
                .hasMessageEndingWith("refused as a nested-collection bomb");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void dictKeyBuiltFromSharedReferencesIsRefusedAsABomb() {
        Pickles p = Pickles.protocol4().op('}', 0x94, ')', 0x94, '0');
        int last = 1;
        for (int i = 0; i < LEVELS; i++) {
            p.get(last).get(last).op(0x86, 0x94, '0');
            last++;
        }
        byte[] bomb = p.get(last).op('N', 's').stop();
        assertThatThrownBy(() -> Pickles.decode(bomb, TypePolicy.defaults()))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessageEndingWith("refused as a nested-collection bomb");
    }

    @Test
    @Timeout(30)
    void nestingDeeperThanAThousandLevelsIsRefused() {
        Pickles p = Pickles.protocol4();
        for (int i = 0; i < 5000; i++) {
            p.op(']');
        }
        for (int i = 1; i < 5000; i++) {
            p.op('a');
        }
        assertMalformed(p.stop(), "containers nest deeper than 1000 levels");
    }

    @Test
    @Timeout(30)
    void listContainingItselfIsRefused() {
        byte[] p = Pickles.protocol4().op(']', 0x94).get(0).op('a').stop();
        assertMalformed(p, "a list contains itself (a reference cycle); cyclic data is not decoded because Java"
                + " collections cannot compare, hash or print it");
    }

    @Test
    @Timeout(30)
    void unhashableKeyIsRefusedAsPythonWould() {
        byte[] p = Pickles.protocol4().op('}', ']', 'N', 's').stop();
        assertMalformed(p, "unhashable type: 'list' used as a dict key or set element");
    }

    @Test
    @Timeout(30)
    void bareGlobalAndBuildAreRefused() {
        byte[] global = Pickles.protocol4().text("cbuiltins\nset\n").stop();
        assertMalformed(global, "pickle holds the global builtins.set itself (a class or function object) as a"
                + " value; only instances of plain data are decoded");
        byte[] build = Pickles.protocol4().op('}', '}', 'b').stop();
        assertMalformed(build, "BUILD (setting an object's state) is not supported: only plain data is decoded");
    }

    private static void assertMalformed(byte[] payload, String detail) {
        assertThatThrownBy(() -> Pickles.decode(payload, TypePolicy.defaults()))
                .isExactlyInstanceOf(DecodeException.class)
                .hasMessage("cannot decode pickle payload of " + payload.length + " bytes: " + detail)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DecodeException) e).payload())
                        .isEqualTo(payload));
    }
}
