package io.github.mp4j.serializer.kryo;

import static io.github.mp4j.serializer.kryo.Payloads.encode;
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

/** The article's warning end to end: child JVMs that lack a class, or are sent a hostile one. */
class KryoCrossProcessTest {
    private final KryoSerializer kryo = new KryoSerializer();

    private static String missing(String type, ChildRun run) {
        return "ERR MissingTypeException Can't find class " + type + " in process " + run.processId()
                + " (serializer kryo): add it to this process's class path";
    }

    @Test
    @Timeout(120)
    void childWithoutTheClassRaisesMissingTypeAndDecodesTheNextPayload() throws Exception {
        ChildRun run = ChildDecoders.run("kryo", List.of(SampleValues.SAMPLES_PACKAGE),
                Set.of(SmallRecord.class, Customer.class),
                List.of(encode(kryo, SampleValues.smallRecord()), encode(kryo, "after"),
                        encode(kryo, SampleValues.order()), encode(kryo, List.of(1, 2))));
        assertThat(run.lines()).containsExactly(
                missing(SmallRecord.class.getName(), run),
                "OK java.lang.String after",
                missing(Customer.class.getName(), run),
                "OK " + List.of(1, 2).getClass().getName() + " [1, 2]");
        assertThat(run.processId()).isNotEqualTo(io.github.mp4j.testkit.ThisProcess.id());
        assertThat(run.exitCode()).isZero();
    }

    @Test
    @Timeout(120)
    void childRefusesHostileTypeWithoutRunningItsInitialiser() throws Exception {
        ChildRun run = ChildDecoders.run("kryo", List.of(SampleValues.SAMPLES_PACKAGE), Set.of(),
                List.of(encode(kryo, IsolatedSamples.hostile()), encode(kryo, SampleValues.smallRecord())));
        assertThat(run.lines()).containsExactly(
                "ERR TypeNotAllowedException type org.example.mp4j.hostile.Hostile is not allowed by the TypePolicy"
                        + " (serializer kryo); allow it with TypePolicy.defaults().allowPackages(...) or"
                        + " allowClasses(...)",
                "OK " + SmallRecord.class.getName() + " " + SampleValues.smallRecord());
        assertThat(run.hostileInitialised()).isFalse();
        assertThat(run.exitCode()).isZero();
    }
}
