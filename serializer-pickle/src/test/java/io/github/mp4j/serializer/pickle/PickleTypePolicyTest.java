package io.github.mp4j.serializer.pickle;

import static io.github.mp4j.serializer.pickle.PickleSamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mp4j.MissingTypeException;
import io.github.mp4j.TypeNotAllowedException;
import io.github.mp4j.TypePolicy;
import io.github.mp4j.testkit.ThisProcess;
import org.junit.jupiter.api.Test;

/**
 * Globals in pickles CPython wrote are judged by the TypePolicy before anything is built: refused ones raise
 * TypeNotAllowedException naming {@code module.name}, allowed ones without a mapping MissingTypeException, and no
 * global outside the plain-data table is ever called, even under {@code allowAll()}.
 */
class PickleTypePolicyTest {

    @Test
    void reducePayloadCallingOsSystemIsRefusedNamingTheGlobal() {
        for (String payload : new String[] {PickleSamples.POSIX_SYSTEM_P2, PickleSamples.POSIX_SYSTEM_P4,
                PickleSamples.NESTED_POSIX_SYSTEM_P4}) {
            assertRefused(hex(payload), "posix.system");
        }
        byte[] byName = Pickles.protocol4().text("cos\nsystem\n").op(0x8c, 4).text("echo").op(0x85, 'R').stop();
        assertRefused(byName, "os.system");
    }

    @Test
    void builtinsEvalIsRefusedUnderEitherSpelling() {
        assertRefused(hex(PickleSamples.BUILTIN_EVAL_P2), "__builtin__.eval");
        byte[] p4 = Pickles.protocol4().op(0x8c, 8).text("builtins").op(0x8c, 4).text("eval").op(0x93)
                .op(0x8c, 1).text("1").op(0x85, 'R').stop();
        assertRefused(p4, "builtins.eval");
    }

    @Test
    void unknownClassIsRefusedByDefaultAndMissingWhenItsModuleIsAllowed() {
        byte[] point = hex(PickleSamples.MAIN_POINT_P4);
        assertRefused(point, "__main__.Point");
        assertThatThrownBy(() -> Pickles.decode(point, TypePolicy.defaults().allowPackages("__main__")))
                .isExactlyInstanceOf(MissingTypeException.class)
                .hasMessage("Can't find class __main__.Point in process " + ThisProcess.id()
                        + " (serializer pickle): add it to this process's class path")
                .satisfies(e -> {
                    assertThat(((MissingTypeException) e).typeName()).isEqualTo("__main__.Point");
                    assertThat(((MissingTypeException) e).payload()).isEqualTo(point);
                });
    }

    /**
     * allowAll() lifts the name check, but a global without a plain-data mapping is still never called, and an
     * unknown class never becomes Pyrolite's ClassDict (a map of its attributes).
     */
    @Test
    void allowAllNeverCallsAGlobalOutsideThePlainDataTableNorBuildsAClassDict() {
        for (String[] c : new String[][] {{PickleSamples.POSIX_SYSTEM_P4, "posix.system"},
                {PickleSamples.MAIN_POINT_P4, "__main__.Point"}}) {
            byte[] payload = hex(c[0]);
            assertThatThrownBy(() -> Pickles.decode(payload, TypePolicy.allowAll()))
                    .isExactlyInstanceOf(MissingTypeException.class)
                    .satisfies(e -> assertThat(((MissingTypeException) e).typeName()).isEqualTo(c[1]));
        }
    }

    /** The protocol 0/1 INST opcode names its class inline: it is judged like GLOBAL and STACK_GLOBAL. */
    @Test
    void instOpcodeIsJudgedLikeTheOtherGlobalOpcodes() {
        byte[] inst = Pickles.protocol4().op('(').op(0x8c, 4).text("echo").text("ios\nsystem\n").stop();
        assertRefused(inst, "os.system");
        byte[] plain = Pickles.protocol4().op('(').op(0x8c, 3).text("2.5").text("idecimal\nDecimal\n").stop();
        assertThat(Pickles.decode(plain, TypePolicy.defaults())).isEqualTo(new java.math.BigDecimal("2.5"));
    }

    /** Plain-data globals are judged as the Java type they become, which the default policy allows. */
    @Test
    void plainDataGlobalsAreJudgedAsTheirJavaTypes() {
        byte[] decimal = Pickles.protocol4().text("cdecimal\nDecimal\n").op(0x8c, 4).text("1.25").op(0x85, 'R')
                .stop();
        assertThat(Pickles.decode(decimal, TypePolicy.defaults())).isEqualTo(new java.math.BigDecimal("1.25"));
    }

    private static void assertRefused(byte[] payload, String global) {
        assertThatThrownBy(() -> Pickles.decode(payload, TypePolicy.defaults()))
                .isExactlyInstanceOf(TypeNotAllowedException.class)
                .hasMessage("type " + global + " is not allowed by the TypePolicy (serializer pickle); allow it with"
                        + " TypePolicy.defaults().allowPackages(...) or allowClasses(...)")
                .satisfies(e -> {
                    assertThat(((TypeNotAllowedException) e).typeName()).isEqualTo(global);
                    assertThat(((TypeNotAllowedException) e).payload()).isEqualTo(payload);
                });
    }
}
