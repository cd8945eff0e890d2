package io.github.mp4j.serializer.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.testkit.ChildDecoders;
import io.github.mp4j.testkit.ChildRun;
import io.github.mp4j.testkit.IsolatedSamples;
import io.github.mp4j.testkit.SampleValues;
import java.util.List;
import java.util.Set;
import org.example.mp4j.hostile.Hostile;
import org.example.mp4j.samples.Color;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.SmallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The article's warning, end to end: payloads decoded by a separate JVM whose class path lacks the sender's
 * classes, and a hostile type sent to a child with the default policy.
 */
class JdkChildProcessTest {
    private static final List<String> SAMPLES = List.of(SampleValues.SAMPLES_PACKAGE);

    @Test
    @Timeout(120)
    void childLackingTheClassRaisesMissingTypeAndTheNextMessageStillDecodes() throws Exception {
        ChildRun run = ChildDecoders.run("jdk", SAMPLES, Set.of(SmallRecord.class),
                List.of(JdkTestPayloads.encode(SampleValues.smallRecord()), JdkTestPayloads.encode("next"),
                        JdkTestPayloads.encode(Color.RED)));
        assertThat(run.lines().get(0)).isEqualTo("ERR MissingTypeException Can't find class "
                + SmallRecord.class.getName() + " in process " + run.processId()
                + " (serializer jdk): add it to this process's class path");
        assertThat(run.processId()).matches("\\d+@.+").isNotEqualTo(io.github.mp4j.testkit.ThisProcess.id());
        assertThat(run.lines()).containsExactly(run.missingTypeLine("jdk", SmallRecord.class.getName()),
                "OK java.lang.String next", "OK org.example.mp4j.samples.Color RED");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    @Timeout(120)
    void childLackingANestedClassRaisesMissingTypeNamingTheNestedClass() throws Exception {
        ChildRun run = ChildDecoders.run("jdk", SAMPLES, Set.of(Customer.class),
                List.of(JdkTestPayloads.encode(SampleValues.order()),
                        JdkTestPayloads.encode(SampleValues.smallRecord())));
        assertThat(run.lines()).containsExactly(run.missingTypeLine("jdk", Customer.class.getName()),
                "OK org.example.mp4j.samples.SmallRecord " + SampleValues.smallRecord());
    }

    @Test
    @Timeout(120)
    void hostileTypeSentToAChildWithTheDefaultPolicyIsRefusedAndNeverInitialised() throws Exception {
        byte[] hostile = JdkTestPayloads.encode(IsolatedSamples.hostile());
        ChildRun run = ChildDecoders.run("jdk", List.of(), Set.of(), List.of(hostile, JdkTestPayloads.encode(7)));
        assertThat(run.lines()).containsExactly(ChildRun.typeNotAllowedLine("jdk", Hostile.class.getName()),
                "OK java.lang.Integer 7");
        assertThat(run.hostileInitialised()).isFalse();
    }

    @Test
    @Timeout(120)
    void hostileTypeAllowedByTheChildsPolicyIsInitialisedThere() throws Exception {
        byte[] hostile = JdkTestPayloads.encode(IsolatedSamples.hostile());
        ChildRun run = ChildDecoders.run("jdk", List.of("org.example.mp4j.hostile"), Set.of(), List.of(hostile));
        assertThat(run.lines()).containsExactly("OK " + Hostile.class.getName() + " Hostile[rm -rf /]");
        assertThat(run.hostileInitialised()).isTrue();
    }
}
