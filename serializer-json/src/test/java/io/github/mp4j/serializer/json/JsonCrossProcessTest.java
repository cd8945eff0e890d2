package io.github.mp4j.serializer.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mp4j.testkit.ChildDecoders;
import io.github.mp4j.testkit.ChildRun;
import io.github.mp4j.testkit.IsolatedSamples;
import io.github.mp4j.testkit.SampleValues;
import java.util.List;
import java.util.Set;
import org.example.mp4j.samples.Customer;
import org.example.mp4j.samples.SmallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The article's warning, end to end: a child JVM whose class path lacks a class receives payloads naming it,
 * reports MissingTypeException naming the class and itself, and decodes the next payload fine.
 */
class JsonCrossProcessTest {

    @Test
    @Timeout(120)
    void childLackingTopLevelAndNestedTypesRaisesMissingTypeAndKeepsDecoding() throws Exception {
        List<byte[]> payloads = List.of(Json.encode(SampleValues.smallRecord()), Json.encode("next"),
                Json.encode(SampleValues.order()), Json.encode(List.of(1, 2)));
        ChildRun run = ChildDecoders.run("json", List.of(SampleValues.SAMPLES_PACKAGE),
                Set.of(SmallRecord.class, Customer.class), payloads);
        String suffix = " in process " + run.processId() + " (serializer json): add it to this process's class path";
        assertThat(run.lines()).containsExactly(
                "ERR MissingTypeException Can't find class " + SmallRecord.class.getName() + suffix,
                "OK java.lang.String next",
                "ERR MissingTypeException Can't find class " + Customer.class.getName() + suffix,
                "OK java.util.ArrayList [1, 2]");
        assertThat(run.processId()).isNotEqualTo(io.github.mp4j.testkit.ThisProcess.id());
    }

    /** A record component of a final type is not named in the payload; the child still names the missing class. */
    @Test
    @Timeout(120)
    void childLackingATypeDeclaredByAnAllowedRecordRaisesMissingTypeNamingIt() throws Exception {
        List<byte[]> payloads = List.of(Json.encode(new Wrapper("w", SampleValues.smallRecord())), Json.encode(7));
        ChildRun run = ChildDecoders.run("json", List.of(SampleValues.SAMPLES_PACKAGE, Wrapper.class.getPackageName()),
                Set.of(SmallRecord.class), payloads);
        assertThat(run.lines()).containsExactly(
                "ERR MissingTypeException Can't find class " + SmallRecord.class.getName() + " in process "
                        + run.processId() + " (serializer json): add it to this process's class path",
                "OK java.lang.Integer 7");
    }

    @Test
    @Timeout(120)
    void childRefusesHostileTypeWithoutInitialisingIt() throws Exception {
        List<byte[]> payloads = List.of(Json.encode(IsolatedSamples.hostile()), Json.encode("after"));
        ChildRun run = ChildDecoders.run("json", List.of(SampleValues.SAMPLES_PACKAGE), Set.of(), payloads);
        assertThat(run.lines()).containsExactly(
                "ERR TypeNotAllowedException type org.example.mp4j.hostile.Hostile is not allowed by the TypePolicy"
                        + " (serializer json); allow it with TypePolicy.defaults().allowPackages(...) or"
                        + " allowClasses(...)",
                "OK java.lang.String after");
        assertThat(run.hostileInitialised()).isFalse();
    }
}
