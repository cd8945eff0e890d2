package io.github.mp4j.serializer.pickle;

import io.github.mp4j.spi.Serializer;
import io.github.mp4j.testkit.SerializerContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared serializer contract, run against the pickle serializer. Pickle carries plain data only, so the cases
 * about arbitrary Java objects (boxed types kept, records, enums, user types, cycles) do not apply: an Integer
 * comes back as Python's int, a Long; a record as a dict; an enum as its name. {@link PickleValueMappingTest}
 * pins those mappings instead. The refused-type case is switched off with its reason below and covered by
 * {@link PickleTypePolicyTest} with pickles CPython wrote.
 */
@ExtendWith(PickleSerializerContractTest.NotApplicable.class)
class PickleSerializerContractTest extends SerializerContract {
    private static final PickleSerializer SERIALIZER = new PickleSerializer();

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    @Override
    protected boolean supportsArbitraryObjects() {
        return false;
    }

    @Override
    protected boolean supportsCycles() {
        return false;
    }

    @Override
    protected List<Object> sampleValues() {
        return PickleSamples.values();
    }

    /** CPython's pickle of {@code os.system('echo pwned')}: the global is {@code posix.system}. */
    @Override
    protected byte[] hostilePayload() {
        return PickleSamples.hex(PickleSamples.POSIX_SYSTEM_P4);
    }

    @Override
    protected String hostileTypeName() {
        return "posix.system";
    }

    @Override
    protected Object unencodableValue() {
        return new Object();
    }

    /** Contract cases that cannot apply to pickle, each with the reason shown in the test report. */
    static final class NotApplicable implements ExecutionCondition {
        private static final Map<String, String> REASONS = Map.of(
                "typeRefusedByThePolicyRaisesTypeNotAllowedWithThePayload",
                "encoding never writes a global that TypePolicy.defaults() refuses (Java values become plain"
                        + " Python data), so encode(refusedValue()) cannot produce the payload this case needs;"
                        + " PickleTypePolicyTest checks refusal with pickles CPython wrote");

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = context.getTestMethod().map(m -> REASONS.get(m.getName())).orElse(null);
            return reason == null ? ConditionEvaluationResult.enabled("applies to pickle")
                    : ConditionEvaluationResult.disabled(reason);
        }
    }
}
